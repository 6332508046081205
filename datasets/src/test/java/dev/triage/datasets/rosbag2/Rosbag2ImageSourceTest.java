package dev.triage.datasets.rosbag2;

import dev.triage.datasets.bag.RosTools;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.triage.datasets.SourceReads.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link Rosbag2ImageSource} on MCAP and sqlite3 recordings written by the npm and Python writers. */
class Rosbag2ImageSourceTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsWriters() {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4", "none"})
    void readsRawBgr8FramesOfTheFirstImageTopicFromMcap(String compression) throws Exception {
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", compression, "chunkSize", 300_000));
        assertRawFrames(mcap);
    }

    @Test
    void readsRawBgr8FramesFromSqlite3() throws Exception {
        assertRawFrames(Rosbag2Fixtures.writeDb3(dir.resolve("drive.db3"), Rosbag2Fixtures.drive()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "no-summary", "unchunked"})
    void readsCompressedImagesOfTheRequestedTopicWithOrWithoutIndex(String layout) throws Exception {
        Map<String, Object> options = switch (layout) {
            case "summary" -> Map.of();
            case "no-summary" -> Map.of("summary", false);
            default -> Map.of("chunked", false);
        };
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(), options);
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(mcap, Optional.of("/cam/compressed"))) {
            List<Frame> frames = readAll(source);
            RosTools.assertPngDrive(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(Rosbag2Fixtures.BASE_NS + i * 100_000_000L, frames.get(i).stampNanos());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb8", "bgra8", "rgba8", "mono8", "bgr8"})
    void passesEveryEncodingTheNodeAcceptsThroughAsRecorded(String encoding) throws Exception {
        int w = 5;
        int h = 3;
        int channels = encoding.equals("mono8") ? 1 : encoding.length() == 5 ? 4 : 3;
        int step = w * channels + 2; // padded rows survive too
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] px = new byte[step * h];
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) (j * 7 + i);
            }
            msgs.add(Rosbag2Fixtures.image("/cam", i, w, h, encoding, step, px));
        }
        for (Path file : List.of(Rosbag2Fixtures.writeMcap(dir.resolve("e.mcap"), msgs, Map.of()),
                Rosbag2Fixtures.writeDb3(dir.resolve("e.db3"), msgs))) {
            try (Rosbag2ImageSource source = Rosbag2ImageSource.open(file, Optional.empty())) {
                List<Frame> frames = readAll(source);
                assertEquals(3, frames.size(), file.toString());
                for (int i = 0; i < 3; i++) {
                    Image.Raw raw = (Image.Raw) frames.get(i).image();
                    assertEquals(encoding, raw.encoding());
                    assertEquals(w, raw.width());
                    assertEquals(h, raw.height());
                    assertEquals(step, raw.step());
                    assertArrayEquals(msgs.get(i).data(), raw.data());
                }
            }
        }
    }

    @Test
    void readsSplitBagFoldersInMetadataOrderForBothStorages() throws Exception {
        List<Rosbag2Fixtures.Msg> drive = Rosbag2Fixtures.drive();
        int half = 7; // /chatter and three frames (two messages each) in the first file
        Path mcapBag = Files.createDirectories(dir.resolve("mcap_bag"));
        Rosbag2Fixtures.writeMcap(mcapBag.resolve("mcap_bag_0.mcap"), drive.subList(0, half), Map.of());
        Rosbag2Fixtures.writeMcap(mcapBag.resolve("mcap_bag_1.mcap"), drive.subList(half, drive.size()),
                Map.of("compression", "lz4"));
        Rosbag2Fixtures.writeMetadata(mcapBag, "mcap", List.of("mcap_bag_0.mcap", "mcap_bag_1.mcap"), drive.size());
        assertRawFrames(mcapBag);
        Path dbBag = Files.createDirectories(dir.resolve("db_bag"));
        Rosbag2Fixtures.writeDb3(dbBag.resolve("db_bag_0.db3"), drive.subList(0, half));
        Rosbag2Fixtures.writeDb3(dbBag.resolve("db_bag_1.db3"), drive.subList(half, drive.size()));
        Rosbag2Fixtures.writeMetadata(dbBag, "sqlite3", List.of("db_bag/db_bag_0.db3", "db_bag/db_bag_1.db3"),
                drive.size());
        assertRawFrames(dbBag);
    }

    @Test
    void theChunkIndexSkipsChunksWithoutTheTopicUndecompressed() throws Exception {
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            msgs.add(new Rosbag2Fixtures.Msg("/lidar_dump", "std_msgs/msg/String",
                    Rosbag2Fixtures.BASE_NS - 1_000_000_000L + i, Map.of("data", "x".repeat(50_000)), null));
        }
        msgs.addAll(Rosbag2Fixtures.drive());
        for (boolean summary : List.of(true, false)) {
            Path file = Rosbag2Fixtures.writeMcap(dir.resolve("skip-" + summary + ".mcap"), msgs,
                    Map.of("compression", "none", "chunkSize", 40_000, "summary", summary));
            byte[] bytes = Files.readAllBytes(file);
            bytes[Rosbag2Fixtures.indexOf(bytes, "x".repeat(64).getBytes(StandardCharsets.US_ASCII)) + 100] = 'y';
            Files.write(file, bytes);
            if (summary) {
                assertRawFrames(file); // the corrupt chunk holds only /lidar_dump: never read
            } else {
                SourceException e = assertThrows(SourceException.class,
                        () -> readAll(Rosbag2ImageSource.open(file, Optional.empty())));
                assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
            }
        }
    }

    @Test
    void zeroHeaderStampsFallBackToTheLogTime() throws Exception {
        Rosbag2Fixtures.Msg m = Rosbag2Fixtures.image("/cam", 0, 1, 1, "mono8", 1, new byte[]{9});
        m.message().put("header", Rosbag2Fixtures.header(0, "cam0"));
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("z.mcap"), List.of(m), Map.of());
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(mcap, Optional.empty())) {
            Frame f = source.next().orElseThrow();
            assertEquals(m.logTimeNanos(), f.stampNanos());
            assertEquals("cam0", f.frameId());
        }
    }

    @Test
    void refusesAMissingTopicOrANonImageTopicNamingTheTopics() throws Exception {
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(), Map.of());
        SourceException missing = assertThrows(SourceException.class,
                () -> Rosbag2ImageSource.open(mcap, Optional.of("/nope")));
        assertTrue(missing.getMessage().contains("no topic '/nope'")
                && missing.getMessage().contains("/cam/image_raw (sensor_msgs/msg/Image)"), missing.getMessage());
        SourceException chatter = assertThrows(SourceException.class,
                () -> Rosbag2ImageSource.open(mcap, Optional.of("/chatter")));
        assertTrue(chatter.getMessage().contains("carries std_msgs/msg/String"), chatter.getMessage());
        Path unindexed = Rosbag2Fixtures.writeMcap(dir.resolve("u.mcap"), List.of(Rosbag2Fixtures.chatter()),
                Map.of("summary", false));
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(unindexed, Optional.empty())) {
            SourceException none = assertThrows(SourceException.class, source::next);
            assertTrue(none.getMessage().contains("no sensor_msgs/msg/Image or sensor_msgs/msg/CompressedImage topic")
                    && none.getMessage().contains("/chatter"), none.getMessage());
        }
    }

    private static void assertRawFrames(Path recording) throws Exception {
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(recording, Optional.empty())) {
            RosTools.assertBgr8Drive(readAll(source));
            assertEquals(Optional.of("/cam/image_raw"), source.topic(), "the first image topic, not /chatter");
            assertTrue(source.describe().contains(recording.getFileName().toString())
                    && source.describe().contains("/cam/image_raw"), source.describe());
        }
    }
}
