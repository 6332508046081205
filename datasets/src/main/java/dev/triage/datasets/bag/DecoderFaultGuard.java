package dev.triage.datasets.bag;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps a decompressing stream so that an unchecked exception thrown by the decoder on corrupt data (commons-compress'
 * bzip2 decoder throws {@code ArrayIndexOutOfBoundsException} for impossible Huffman tables, for instance) becomes an
 * {@link IOException} naming the compression, which the bag reader reports with the file and offset.
 */
final class DecoderFaultGuard extends FilterInputStream {
    private final String compression;

    private DecoderFaultGuard(String compression, InputStream decoder) {
        super(decoder);
        this.compression = compression;
    }

    /** Opens a decoder through {@code opener}, turning a decoder fault while opening or reading into an IOException. */
    static InputStream open(String compression, DecoderOpener opener) throws IOException {
        try {
            return new DecoderFaultGuard(compression, opener.open());
        } catch (RuntimeException e) {
            throw fault(compression, e);
        }
    }

    /** Creates the decoding stream. */
    @FunctionalInterface
    interface DecoderOpener {
        /** The decoding stream. */
        InputStream open() throws IOException;
    }

    static IOException fault(String compression, RuntimeException e) {
        return new IOException("corrupt " + compression + " data (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    @Override
    public int read() throws IOException {
        return guarded(super::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return guarded(() -> super.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
        return guarded(() -> super.skip(n));
    }

    @Override
    public int available() throws IOException {
        return guarded(super::available);
    }

    /** A read of the decoder. */
    @FunctionalInterface
    private interface DecoderCall<T> {
        T call() throws IOException;
    }

    private <T> T guarded(DecoderCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw fault(compression, e);
        }
    }
}
