package dev.triage.datasets.bag;

import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bzip2 chunk whose Huffman code lengths run past the alphabet: commons-compress' decoder fails on it with an
 * {@code ArrayIndexOutOfBoundsException} (found by the CI fuzz run of 2026-12-06), which must reach the user as a
 * {@link SourceException} naming the bag, not as an unchecked exception.
 */
class CorruptChunkTest {
    @TempDir
    Path dir;

    @Test
    void aDecoderFaultIsAnIoExceptionNamingTheCompression() {
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = ChunkDecompressor.open("bz2", new ByteArrayInputStream(impossibleBzip2()))) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().startsWith("corrupt bz2 data"), e.getMessage());
    }

    @Test
    void aBagWhoseBzip2ChunkHasAnImpossibleHuffmanTableIsRefusedWithItsName() throws IOException {
        byte[] bag = seedBz2Bag();
        int stream = Rosbag2Fixtures.indexOf(bag, "BZh".getBytes(StandardCharsets.US_ASCII));
        byte[] crafted = impossibleBzip2();
        System.arraycopy(crafted, 0, bag, stream, crafted.length);
        Path file = dir.resolve("huffman-258.bag");
        Files.write(file, bag);
        SourceException e = assertThrows(SourceException.class, () -> {
            try (BagImageSource source = BagImageSource.open(file, Optional.empty(), 1 << 20)) {
                for (Optional<Frame> frame = source.next(); frame.isPresent(); frame = source.next()) {
                    assertNotNull(frame.get().image());
                }
            }
        });
        assertTrue(e.getMessage().contains("huffman-258.bag") && e.getMessage().contains("corrupt bz2 data"),
                e.getMessage());
    }

    /**
     * A bzip2 stream with one block: one byte value in use (an alphabet of 3 symbols), two coding tables, and a first
     * code length that climbs from 20 to 257 (bzip2 allows at most 20).
     */
    static byte[] impossibleBzip2() {
        BitWriter w = new BitWriter();
        w.bytes("BZh9".getBytes(StandardCharsets.US_ASCII));
        w.bits(48, 0x314159265359L); // block magic
        w.bits(32, 0); // block CRC
        w.bits(1, 0); // not randomised
        w.bits(24, 0); // origPtr
        w.bits(16, 0x8000);
        w.bits(16, 0x8000); // byte 0 in use
        w.bits(3, 2); // two tables
        w.bits(15, 1); // one selector
        w.bits(1, 0); // selector: table 0
        for (int table = 0; table < 2; table++) {
            w.bits(5, 20);
            for (int symbol = 0; symbol < 3; symbol++) {
                if (table == 0 && symbol == 0) {
                    for (int k = 0; k < 237; k++) {
                        w.bits(2, 2); // "+1"
                    }
                }
                w.bits(1, 0);
            }
        }
        w.bits(64, 0);
        return w.toByteArray();
    }

    private static byte[] seedBz2Bag() throws IOException {
        try (InputStream in = CorruptChunkTest.class.getResourceAsStream("BagFuzzTestInputs/bag/seed-bz2.bag")) {
            assertNotNull(in, "seed-bz2.bag on the test class path");
            return in.readAllBytes();
        }
    }

    /** Writes bits most significant first, as bzip2 does. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int pending;
        private int count;

        void bytes(byte[] b) {
            for (byte x : b) {
                bits(8, x & 0xff);
            }
        }

        void bits(int n, long value) {
            for (int i = n - 1; i >= 0; i--) {
                pending = (pending << 1) | (int) ((value >>> i) & 1);
                if (++count == 8) {
                    out.write(pending);
                    pending = 0;
                    count = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (count > 0) {
                bits(8 - count, 0);
            }
            return out.toByteArray();
        }
    }
}
