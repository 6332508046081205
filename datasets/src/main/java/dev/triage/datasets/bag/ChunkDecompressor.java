package dev.triage.datasets.bag;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Opens the uncompressed view of a chunk's data. Chunks use compression {@code none}, {@code bz2} (a bzip2
 * stream) or {@code lz4} (the LZ4 frame format, as roslz4 writes it). Decompression is streaming: a chunk is
 * never held in memory whole, and a cut stream yields everything before the cut. A decoder that fails on corrupt
 * data with an unchecked exception is reported as an {@link IOException} naming the compression.
 */
public final class ChunkDecompressor {
    /** The compression names a chunk header may carry. */
    public static final List<String> SUPPORTED = List.of("none", "bz2", "lz4");

    private ChunkDecompressor() {
    }

    /**
     * Wraps {@code compressed}.
     *
     * @throws IOException when the compression is unknown or the stream does not start like one of its kind; reads
     *                     from the returned stream throw IOException (never an unchecked exception) on corrupt data
     */
    public static InputStream open(String compression, InputStream compressed) throws IOException {
        return switch (compression) {
            case "none" -> compressed;
            case "bz2" -> DecoderFaultGuard.open("bz2", () -> new BZip2CompressorInputStream(compressed, false));
            case "lz4" -> DecoderFaultGuard.open("lz4", () -> new FramedLZ4CompressorInputStream(compressed, false));
            default -> throw new IOException("unsupported chunk compression '" + compression + "' (supported: "
                    + String.join(", ", SUPPORTED) + ")");
        };
    }
}
