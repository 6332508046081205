package dev.triage.datasets.rosbag2.mcap;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

import dev.triage.datasets.rosbag2.StorageFormatException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Decompresses one MCAP chunk's records (zstd through zstd-jni, lz4 frames through commons-compress, or none) and
 * checks their CRC-32 when the writer recorded one.
 */
final class ChunkDecompressor {

    private ChunkDecompressor() {
    }

    /**
     * The records of a Chunk record ({@code content}, without opcode and length), decompressed and CRC-checked.
     *
     * @param where          names the chunk, for errors
     * @param maxRecordBytes cap on the uncompressed records
     * @throws StorageFormatException when the chunk does not parse, is over the cap, does not decompress or its CRC
     *                                does not match
     */
    static ByteBuffer records(ByteBuffer content, String where, int maxRecordBytes) throws StorageFormatException {
        McapFields f = new McapFields(content, "Chunk record");
        try {
            f.uint64(); // message start time
            f.uint64(); // message end time
            long uncompressedSize = f.uint64();
            long crc = f.uint32();
            String compression = f.string();
            ByteBuffer records = f.slice64();
            if (uncompressedSize > maxRecordBytes) {
                throw new StorageFormatException(where, "chunk of " + uncompressedSize
                        + " uncompressed bytes exceeds the cap of " + maxRecordBytes + " bytes");
            }
            byte[] data = new byte[records.remaining()];
            records.get(data);
            return ByteBuffer.wrap(decompress(compression, data, (int) uncompressedSize, crc))
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (McapFields.McapFieldException | IOException e) {
            throw new StorageFormatException(where, e.getMessage());
        }
    }

    /**
     * @param compression      the chunk's compression name: "" (none), "zstd" or "lz4"
     * @param uncompressedSize what the chunk declares
     * @param crc              the declared CRC-32 of the uncompressed records; 0 when the writer left it out
     * @throws IOException with a one-line reason when the compression is unknown, the data does not decompress to
     *                     the declared size, or the CRC does not match
     */
    static byte[] decompress(String compression, byte[] data, int uncompressedSize, long crc) throws IOException {
        byte[] out = switch (compression) {
            case "" -> data;
            case "zstd" -> zstd(data, uncompressedSize);
            case "lz4" -> lz4(data, uncompressedSize);
            default -> throw new IOException("unknown chunk compression '" + compression
                    + "' (this reader knows zstd, lz4 and none)");
        };
        if (out.length != uncompressedSize) {
            throw new IOException("chunk records are " + out.length + " bytes, the chunk declares "
                    + uncompressedSize);
        }
        if (crc != 0) {
            CRC32 check = new CRC32();
            check.update(out);
            if (check.getValue() != crc) {
                throw new IOException(String.format("chunk CRC mismatch: records have CRC-32 %08x, the chunk "
                        + "declares %08x", check.getValue(), crc));
            }
        }
        return out;
    }

    /**
     * What can be recovered of a chunk whose compressed records are cut short: the longest prefix of its records
     * that the decompressor gives from {@code data} (zstd and lz4 decode whole blocks, so a cut block and what
     * follows it are lost), at most {@code cap} bytes; empty for an unknown compression.
     */
    static byte[] decompressPrefix(String compression, byte[] data, int cap) {
        return switch (compression) {
            case "" -> Arrays.copyOf(data, Math.min(cap, data.length));
            case "zstd", "lz4" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 << 10];
                try (InputStream in = compression.equals("zstd") ? new ZstdInputStream(new ByteArrayInputStream(data))
                        : new FramedLZ4CompressorInputStream(new ByteArrayInputStream(data))) {
                    for (int n = in.read(buffer); n > 0 && out.size() < cap; n = in.read(buffer)) {
                        out.write(buffer, 0, Math.min(n, cap - out.size()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the cut: keep what came before it
                }
                yield out.toByteArray();
            }
            default -> new byte[0];
        };
    }

    private static byte[] zstd(byte[] data, int size) throws IOException {
        byte[] out = new byte[size];
        try {
            long n = Zstd.decompressByteArray(out, 0, size, data, 0, data.length);
            if (n != size) {
                throw new IOException("zstd data decompresses to " + n + " bytes, the chunk declares " + size);
            }
            return out;
        } catch (ZstdException e) {
            throw new IOException("zstd data does not decompress: " + e.getMessage(), e);
        }
    }

    private static byte[] lz4(byte[] data, int size) throws IOException {
        try (InputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes(size);
            if (in.read() != -1) {
                throw new IOException("lz4 data decompresses to more than the " + size + " bytes the chunk declares");
            }
            return out;
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("lz4 data") ? e
                    : new IOException("lz4 data does not decompress: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // commons-compress' decoder can fail on corrupt frames with an unchecked exception
            throw new IOException("lz4 data does not decompress: " + e, e);
        }
    }
}
