package dev.triage.datasets.rosbag2;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Truncated and corrupt copies of real recordings: every frame before the fault is returned, then one error line
 * naming the file and where it broke; a message that does not decode in an intact recording costs its frame only.
 */
class Rosbag2BadInputTest {
    private static final int FRAMES = 4;
    @TempDir
    Path dir;

    @BeforeEach
    void needsWriters() {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
    }

    /** Four 4x3 mono8 frames, one chunk each (the chunk size is smaller than a message). */
    private static List<Rosbag2Fixtures.Msg> small() {
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>(List.of(Rosbag2Fixtures.chatter()));
        for (int i = 0; i < FRAMES; i++) {
            byte[] px = new byte[12];
            Arrays.fill(px, (byte) (0x40 + i));
            msgs.add(Rosbag2Fixtures.image("/cam", i, 4, 3, "mono8", 4, px));
        }
        return msgs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4", "none", "unchunked", "no-summary"})
    void aFileCutAtAnyByteKeepsTheFramesBeforeTheCutAndNamesTheOffset(String layout) throws Exception {
        Map<String, Object> options = switch (layout) {
            case "unchunked" -> Map.of("chunked", false);
            case "no-summary" -> Map.of("summary", false, "chunkSize", 10);
            default -> Map.of("compression", layout, "chunkSize", 10);
        };
        List<Rosbag2Fixtures.Msg> msgs = small();
        byte[] whole = Files.readAllBytes(Rosbag2Fixtures.writeMcap(dir.resolve("whole.mcap"), msgs, options));
        assertEquals(FRAMES, read(dir.resolve("whole.mcap")).frames.size());
        Path cut = dir.resolve("cut.mcap");
        int before = 0;
        for (int length = 0; length < whole.length; length++) {
            Files.write(cut, Arrays.copyOf(whole, length));
            Outcome o = read(cut);
            assertTrue(o.error.isPresent(), "a file cut at byte " + length + " must report the cut");
            String m = o.error.get().getMessage();
            assertTrue(m.startsWith(cut.toString() + ": "), m);
            assertFalse(m.contains("\n"), "one line: " + m);
            assertTrue(m.contains("byte ") || m.contains("not an MCAP file"), m);
            assertTrue(o.frames.size() >= before, "frames read never shrink as the cut moves on: " + length);
            before = o.frames.size();
            for (int i = 0; i < o.frames.size(); i++) {
                assertArrayEquals(msgs.get(i + 1).data(), ((Image.Raw) o.frames.get(i).image()).data());
            }
        }
        assertEquals(FRAMES, before, "a cut in the summary section loses no frame");
    }

    /**
     * One chunk holds the whole drive (six 320x240 bgr8 frames and their PNGs, about 1.9 MB); the file is cut inside
     * it, at a quarter, a half and nine tenths of the chunk. Before, such a cut lost every frame of the chunk; now the
     * frames whose records decompress completely before the cut are read (exactly the recorded pixels), then the cut
     * is reported, naming the chunk's offset and how much was recovered.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4", "none"})
    void aChunkCutByTheEndOfTheFileGivesTheFramesItsDecompressorRecovers(String compression) throws Exception {
        List<Rosbag2Fixtures.Msg> drive = Rosbag2Fixtures.drive();
        byte[] whole = Files.readAllBytes(Rosbag2Fixtures.writeMcap(dir.resolve("one-chunk.mcap"), drive,
                Map.of("compression", compression, "chunkSize", 64 << 20)));
        int chunkAt = Rosbag2Fixtures.indexOf(whole, new byte[]{0x06}); // the first Chunk record's opcode
        List<byte[]> images = drive.stream().filter(m -> m.topic().equals("/cam/image_raw")).map(m -> m.data())
                .toList();
        int before = 0;
        for (double at : new double[]{0.25, 0.5, 0.9}) {
            int length = chunkAt + (int) ((whole.length - chunkAt) * at);
            Path cut = Files.write(dir.resolve("cut-" + at + ".mcap"), Arrays.copyOf(whole, length));
            Outcome o = read(cut);
            String m = o.error.orElseThrow().getMessage();
            assertTrue(m.startsWith(cut + ": truncated or corrupt at byte " + chunkAt + ": record (opcode 0x6)")
                    && m.contains("could be recovered") && m.endsWith("(" + o.frames.size()
                    + " frames were read before)") && !m.contains("\n"), m);
            for (int i = 0; i < o.frames.size(); i++) {
                assertArrayEquals(images.get(i), ((Image.Raw) o.frames.get(i).image()).data(), "frame " + i);
            }
            assertTrue(o.frames.size() >= before, "more bytes never recover fewer frames");
            before = o.frames.size();
            if (at == 0.9) {
                assertTrue(o.frames.size() >= 4, compression + ": at 90 % of the chunk only " + o.frames.size()
                        + " of 6 frames recovered");
            }
        }
    }

    @Test
    void aChunkWithABadCrcFailsAfterTheFramesOfTheChunksBeforeIt() throws Exception {
        byte[] file = Files.readAllBytes(Rosbag2Fixtures.writeMcap(dir.resolve("ok.mcap"), small(),
                Map.of("compression", "none", "chunkSize", 10)));
        int at = Rosbag2Fixtures.indexOf(file, new byte[]{0x42, 0x42, 0x42, 0x42}); // frame 2's pixels
        file[at] ^= 1;
        Path bad = dir.resolve("bad.mcap");
        Files.write(bad, file);
        Outcome o = read(bad);
        assertEquals(2, o.frames.size(), "frames 0 and 1 come from the chunks before");
        String m = o.error.orElseThrow().getMessage();
        assertTrue(m.startsWith(bad + ": truncated or corrupt at byte ") && m.contains("CRC mismatch")
                && m.contains("(2 frames were read before)"), m);
    }

    @Test
    void anUnknownChunkCompressionIsNamed() throws Exception {
        byte[] file = Files.readAllBytes(Rosbag2Fixtures.writeMcap(dir.resolve("ok.mcap"), small(),
                Map.of("compression", "zstd", "chunkSize", 10)));
        String renamed = new String(file, StandardCharsets.ISO_8859_1).replace("zstd", "zzzz"); // every chunk
        file = renamed.getBytes(StandardCharsets.ISO_8859_1);
        Path bad = dir.resolve("bad.mcap");
        Files.write(bad, file);
        String m = read(bad).error.orElseThrow().getMessage();
        assertTrue(m.contains("unknown chunk compression 'zzzz'") && m.contains("at byte "), m);
    }

    @Test
    void aSchemaThatDoesNotParseOrHasAnotherLayoutIsRefusedNamingItsRecord() throws Exception {
        Map<String, Object> garbage = Map.of("sensor_msgs/msg/Image", "std_msgs/Header header\n!! uint32 height\n");
        Path indexed = Rosbag2Fixtures.writeMcap(dir.resolve("s.mcap"), small(), Map.of("schemaText", garbage));
        SourceException atOpen = assertThrows(SourceException.class,
                () -> Rosbag2ImageSource.open(indexed, Optional.empty()));
        assertTrue(atOpen.getMessage().contains("Schema record 'sensor_msgs/msg/Image' at byte ")
                && atOpen.getMessage().contains("does not parse: line 2"), atOpen.getMessage());
        Path unindexed = Rosbag2Fixtures.writeMcap(dir.resolve("u.mcap"), small(),
                Map.of("schemaText", garbage, "summary", false));
        String streaming = read(unindexed).error.orElseThrow().getMessage();
        assertTrue(streaming.contains("does not parse") && streaming.contains(" at byte "), streaming);
        Map<String, Object> other = Map.of("sensor_msgs/msg/Image", "std_msgs/Header header\nuint16 height\n"
                + "uint32 width\nstring encoding\nuint8 is_bigendian\nuint32 step\nuint8[] data\n");
        Path layout = Rosbag2Fixtures.writeMcap(dir.resolve("l.mcap"), small(), Map.of("schemaText", other));
        SourceException e = assertThrows(SourceException.class, () -> Rosbag2ImageSource.open(layout,
                Optional.empty()));
        assertTrue(e.getMessage().contains("has fields [Header header, uint16 height"), e.getMessage());
    }

    @Test
    void aDb3WithoutItsMessagesTableOrNotADatabaseIsNamed() throws Exception {
        Path noMessages = Rosbag2Fixtures.writeDb3(dir.resolve("n.db3"), small(), "--no-messages-table");
        String m = read(noMessages).error.orElseThrow().getMessage();
        assertTrue(m.startsWith(noMessages + ": ") && m.contains("table 'messages'") && m.contains("no such table"),
                m);
        Path text = Files.writeString(dir.resolve("t.db3"), "not a database at all, just text ".repeat(200));
        String t = read(text).error.orElseThrow().getMessage();
        assertTrue(t.startsWith(text + ": ") && t.contains("table 'topics'"), t);
    }

    @Test
    void aTruncatedDb3FailsNamingTheFile() throws Exception {
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>(small());
        byte[] big = new byte[20_000];
        for (int i = 0; i < 6; i++) {
            Arrays.fill(big, (byte) i);
            msgs.add(Rosbag2Fixtures.image("/cam", FRAMES + i, 100, 200, "mono8", 100, big.clone()));
        }
        byte[] whole = Files.readAllBytes(Rosbag2Fixtures.writeDb3(dir.resolve("w.db3"), msgs));
        Path cut = dir.resolve("cut.db3");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Outcome o = read(cut);
        String m = o.error.orElseThrow(() -> new AssertionError("a half db3 read " + o.frames.size()
                + " frames without an error")).getMessage();
        assertTrue(m.startsWith(cut + ": ") && !m.contains("\n"), m);
    }

    @Test
    void aMessageThatDoesNotDecodeInAnIntactRecordingIsAnUnreadableFrameAndTheFramesAfterItStillCome()
            throws Exception {
        Path db3 = Rosbag2Fixtures.writeDb3(dir.resolve("bad-row.db3"), small());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db3);
             Statement st = c.createStatement()) { // the second image's CDR cut short; the table is intact
            assertEquals(1, st.executeUpdate("UPDATE messages SET data = substr(data, 1, 30) WHERE id = (SELECT m.id "
                    + "FROM messages m JOIN topics t ON m.topic_id = t.id WHERE t.name = '/cam' ORDER BY m.timestamp "
                    + "LIMIT 1 OFFSET 1)"));
        }
        Outcome o = read(db3);
        assertEquals(Optional.empty(), o.error.map(SourceException::getMessage));
        assertEquals(FRAMES, o.frames.size());
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, o.frames.get(i).seq());
            assertEquals(i == 1, o.frames.get(i).image() instanceof Image.Unreadable, "frame " + i);
        }
        String reason = ((Image.Unreadable) o.frames.get(1).image()).reason();
        assertTrue(reason.startsWith(db3 + ": corrupt message on '/cam' at message id "), reason);
        assertTrue(o.frames.get(1).stampNanos() > o.frames.get(0).stampNanos()
                && o.frames.get(1).stampNanos() < o.frames.get(2).stampNanos(), "at its record time");
    }

    private record Outcome(List<Frame> frames, Optional<SourceException> error) {
    }

    /** Opens and reads {@code file} to its end or its first error. */
    private static Outcome read(Path file) {
        List<Frame> frames = new ArrayList<>();
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(file, Optional.empty())) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
            return new Outcome(frames, Optional.empty());
        } catch (SourceException e) {
            return new Outcome(frames, Optional.of(e));
        }
    }
}
