package dev.triage.datasets.bag;

import java.io.IOException;
import java.io.InputStream;

/**
 * A view of the next {@code limit} bytes of another stream, which stays open when this one closes. Remembers
 * whether the underlying stream ended before the limit (a cut file).
 */
final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean cutShort;

    LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            cutShort = true;
            return -1;
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            cutShort = true;
            return -1;
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    /** Reads and discards what is left of the limit; returns false when the underlying stream ended first. */
    boolean drain() throws IOException {
        byte[] scratch = new byte[8192];
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped > 0) {
                remaining -= skipped;
                continue;
            }
            if (read(scratch, 0, (int) Math.min(scratch.length, remaining)) < 0) {
                return false;
            }
        }
        return !cutShort;
    }

    /** True once the underlying stream ended before the limit. */
    boolean cutShort() {
        return cutShort;
    }

    /** Bytes of the limit not yet read. */
    long remaining() {
        return remaining;
    }

    @Override
    public void close() {
        // the underlying stream belongs to the caller
    }
}
