package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.bag.RosTools;
import dev.triage.datasets.rosbag2.LogTimeWindow;
import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.datasets.rosbag2.Rosbag2ImageSource;
import dev.triage.datasets.rosbag2.StorageReader;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SinglePassRecording;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Replay in log-time order of recordings whose messages are stored out of it, written by the npm {@code @mcap/core}
 * writer (indexed files with chunks that overlap in time, unindexed files) and by the Python sqlite3 writer: frames
 * (stamps and pixels) and speed samples come in log-time order, ties in file order, nothing is dropped.
 */
class McapLogTimeOrderTest {
    private static final int FRAMES = 24;
    private static final long FRAME_NS = 100_000_000L;
    private static final String CAMERA = "/cam/compressed";
    private static final String SPEED = "/carla/ego_vehicle/speedometer";
    /** Two frames (plus speed messages) per chunk: the PNG frames are 75-86 KB. */
    private static final Map<String, Object> SMALL_CHUNKS = Map.of("chunkSize", 120_000);
    @TempDir
    Path dir;
    private List<Path> pngs;

    @BeforeEach
    void needsWriters() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        pngs = RosTools.framePngs();
    }

    /**
     * A drive stored as two writer threads leave it: per block of 8 frames the odd ones newest first, then the even
     * ones; frame 9 is logged at the same time as frame 8 (stored before it). Each frame is followed by its speed.
     */
    private List<Rosbag2Fixtures.Msg> shuffledDrive() throws Exception {
        List<Rosbag2Fixtures.Msg> out = new ArrayList<>();
        for (int block = 0; block < FRAMES; block += 8) {
            for (int i = block + 7; i > block; i -= 2) {
                addFrameAndSpeed(out, i);
            }
            for (int i = block; i < block + 8; i += 2) {
                addFrameAndSpeed(out, i);
            }
        }
        return out;
    }

    private void addFrameAndSpeed(List<Rosbag2Fixtures.Msg> out, int i) throws Exception {
        long logTime = logTime(i == 9 ? 8 : i);
        Rosbag2Fixtures.Msg frame = Rosbag2Fixtures.compressed(CAMERA, i, "png", Files.readAllBytes(png(i)));
        Rosbag2Fixtures.Msg speed = Rosbag2Fixtures.float32Speed(SPEED, i);
        out.add(new Rosbag2Fixtures.Msg(frame.topic(), frame.type(), logTime, frame.message(), frame.data()));
        out.add(new Rosbag2Fixtures.Msg(speed.topic(), speed.type(), logTime, speed.message(), null));
    }

    private static long logTime(int i) {
        return Rosbag2Fixtures.BASE_NS + i * FRAME_NS + 5_000_000L;
    }

    private Path png(int i) {
        return pngs.get(i % pngs.size());
    }

    /** The frame numbers of {@code stored}'s camera messages, stably sorted by log time (ties in file order). */
    private static List<Integer> logTimeOrder(List<Rosbag2Fixtures.Msg> stored) {
        return stored.stream().filter(m -> m.topic().equals(CAMERA))
                .sorted(Comparator.comparingLong(Rosbag2Fixtures.Msg::logTimeNanos))
                .map(McapLogTimeOrderTest::frameNumber).toList();
    }

    @SuppressWarnings("unchecked")
    private static int frameNumber(Rosbag2Fixtures.Msg m) {
        Map<String, Object> header = (Map<String, Object>) m.message().get("header");
        Map<String, Object> stamp = (Map<String, Object>) header.get("stamp");
        long ns = ((Number) stamp.get("sec")).longValue() * 1_000_000_000L
                + ((Number) stamp.get("nanosec")).longValue();
        return (int) ((ns - Rosbag2Fixtures.BASE_NS) / FRAME_NS);
    }

    @Test
    void theFixtureIsOutOfOrderWithOverlappingChunksAndATie() throws Exception {
        List<Rosbag2Fixtures.Msg> drive = shuffledDrive();
        List<Integer> stored = drive.stream().filter(m -> m.topic().equals(CAMERA))
                .map(McapLogTimeOrderTest::frameNumber).toList();
        assertEquals(List.of(7, 5, 3, 1, 0, 2, 4, 6, 15, 13, 11, 9, 8), stored.subList(0, 13));
        List<Integer> expected = new ArrayList<>(IntStream.range(0, FRAMES).boxed().toList());
        expected.set(8, 9); // logged at the same time as frame 8 and stored before it
        expected.set(9, 8);
        assertEquals(expected, logTimeOrder(drive));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4", "none"})
    void indexedFilesMergeOverlappingChunksInLogTimeOrder(String compression) throws Exception {
        List<Rosbag2Fixtures.Msg> drive = shuffledDrive();
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("merged.mcap"), drive,
                Map.of("compression", compression, "chunkSize", SMALL_CHUNKS.get("chunkSize")));
        try (FileChannel file = FileChannel.open(mcap, StandardOpenOption.READ)) {
            McapSummary summary = McapSummary.read(file, file.size(), McapReader.DEFAULT_MAX_RECORD_BYTES)
                    .orElseThrow();
            assertTrue(overlapping(summary.chunks()), "the fixture's chunks overlap in log time");
        }
        try (StorageReader reader = McapStorage.open(mcap, McapReader.DEFAULT_MAX_RECORD_BYTES)) {
            assertInstanceOf(McapLogTimeMerge.class, reader);
        }
        assertFrames(mcap, logTimeOrder(drive));
        assertSpeeds(mcap, drive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "none"})
    void unindexedFilesAreOrderedByTheReorderWindow(String compression) throws Exception {
        List<Rosbag2Fixtures.Msg> drive = shuffledDrive();
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("unindexed.mcap"), drive,
                Map.of("compression", compression, "chunkSize", SMALL_CHUNKS.get("chunkSize"), "summary", false));
        try (StorageReader reader = McapStorage.open(mcap, McapReader.DEFAULT_MAX_RECORD_BYTES)) {
            assertInstanceOf(LogTimeWindow.class, reader);
            List<StoredMessage> all = readAll(reader);
            assertEquals(drive.size(), all.size());
            assertEquals(0, ((LogTimeWindow) reader).lateMessages());
        }
        assertFrames(mcap, logTimeOrder(drive));
        assertSpeeds(mcap, drive);
        try (SinglePassRecording both = Rosbag2ImageSource.openWithSpeed(mcap, Optional.of(CAMERA),
                Optional.empty())) {
            List<Frame> frames = new ArrayList<>();
            List<SpeedSample> speeds = new ArrayList<>();
            for (Optional<Frame> f = both.next(); f.isPresent(); f = both.next()) {
                frames.add(f.get());
                speeds.addAll(both.drainSpeedSamples());
            }
            speeds.addAll(both.drainSpeedSamples());
            assertFrameList(frames, logTimeOrder(drive));
            assertEquals(expectedSpeeds(drive), speeds);
        }
    }

    @Test
    void aCorruptChunkFailsWhenItsTurnComesAfterEveryFrameBeforeItInLogTime() throws Exception {
        List<Rosbag2Fixtures.Msg> drive = shuffledDrive();
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("corrupt.mcap"), drive,
                Map.of("compression", "none", "chunkSize", SMALL_CHUNKS.get("chunkSize")));
        byte[] bytes = Files.readAllBytes(mcap);
        byte[] frame7 = Files.readAllBytes(png(7)); // the first chunk in the file holds frames 7 and 5
        bytes[Rosbag2Fixtures.indexOf(bytes, frame7) + frame7.length / 2] ^= 0x55;
        Files.write(mcap, bytes);
        List<Frame> frames = new ArrayList<>();
        SourceException e;
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(mcap, Optional.of(CAMERA))) {
            e = assertThrows(SourceException.class, () -> {
                for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                    frames.add(f.get());
                }
            });
        }
        assertFrameList(frames, List.of(0, 1, 2, 3, 4)); // its turn comes at frame 5's log time
        assertTrue(e.getMessage().contains("CRC mismatch") && e.getMessage().contains("5 frames were read before"),
                e.getMessage());
    }

    @Test
    void aMessageLaterThanTheWindowIsReplayedLateAndCountedNeverDropped() throws Exception {
        List<Rosbag2Fixtures.Msg> drive = new ArrayList<>();
        for (int i = 1; i < FRAMES; i++) {
            drive.add(Rosbag2Fixtures.compressed(CAMERA, i, "png", Files.readAllBytes(png(i))));
        }
        drive.add(Rosbag2Fixtures.compressed(CAMERA, 0, "png", Files.readAllBytes(png(0)))); // 2.3 s late
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("late.mcap"), drive,
                Map.of("chunkSize", SMALL_CHUNKS.get("chunkSize"), "summary", false));
        try (StorageReader reader = McapStorage.open(mcap, McapReader.DEFAULT_MAX_RECORD_BYTES)) {
            List<StoredMessage> all = readAll(reader);
            assertEquals(FRAMES, all.size(), "nothing dropped");
            assertEquals(1, ((LogTimeWindow) reader).lateMessages());
        }
        // frames 1..13 left the 1 s window before frame 0 came; it goes out next, then the held 14..23
        List<Integer> expected = new ArrayList<>(IntStream.range(1, 14).boxed().toList());
        expected.add(0);
        expected.addAll(IntStream.range(14, FRAMES).boxed().toList());
        assertFrames(mcap, expected);
    }

    @Test
    void sqlite3BagsPlayInTimestampOrderWithTiesInInsertOrder() throws Exception {
        List<Rosbag2Fixtures.Msg> drive = shuffledDrive();
        Path db3 = Rosbag2Fixtures.writeDb3(dir.resolve("shuffled.db3"), drive);
        assertFrames(db3, logTimeOrder(drive));
        assertSpeeds(db3, drive);
    }

    private static boolean overlapping(List<McapChunkIndex> chunks) {
        for (McapChunkIndex a : chunks) {
            for (McapChunkIndex b : chunks) {
                if (a != b && a.messageStartTime() < b.messageEndTime() && b.messageStartTime() < a.messageEndTime()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void assertFrames(Path recording, List<Integer> expected) throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(recording, Optional.of(CAMERA))) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        assertFrameList(frames, expected);
    }

    private void assertFrameList(List<Frame> frames, List<Integer> expected) throws Exception {
        List<Integer> got = frames.stream()
                .map(f -> (int) ((f.stampNanos() - Rosbag2Fixtures.BASE_NS) / FRAME_NS)).toList();
        assertEquals(expected, got);
        for (int k = 0; k < frames.size(); k++) {
            assertEquals(Rosbag2Fixtures.BASE_NS + expected.get(k) * FRAME_NS, frames.get(k).stampNanos());
            assertArrayEquals(Files.readAllBytes(png(expected.get(k))),
                    ((Image.Encoded) frames.get(k).image()).data(), "pixels of frame " + expected.get(k));
        }
    }

    /** Float32 speeds carry the log time as their stamp: in log-time order, ties (frames 8 and 9) in file order. */
    private static List<SpeedSample> expectedSpeeds(List<Rosbag2Fixtures.Msg> drive) {
        return drive.stream().filter(m -> m.topic().equals(SPEED))
                .sorted(Comparator.comparingLong(Rosbag2Fixtures.Msg::logTimeNanos))
                .map(m -> new SpeedSample(((Number) m.message().get("data")).doubleValue(), m.logTimeNanos()))
                .toList();
    }

    private static void assertSpeeds(Path recording, List<Rosbag2Fixtures.Msg> drive) throws Exception {
        List<SpeedSample> got = new ArrayList<>();
        try (RecordedSpeedSource speeds = Rosbag2ImageSource.openSpeed(recording, Optional.of(SPEED))) {
            for (Optional<SpeedSample> s = speeds.next(); s.isPresent(); s = speeds.next()) {
                got.add(s.get());
            }
        }
        assertEquals(FRAMES, got.size());
        assertEquals(expectedSpeeds(drive), got);
    }

    private static List<StoredMessage> readAll(StorageReader reader) throws Exception {
        List<StoredMessage> out = new ArrayList<>();
        for (Optional<StoredMessage> m = reader.next(t -> true); m.isPresent(); m = reader.next(t -> true)) {
            out.add(m.get());
        }
        return out;
    }
}
