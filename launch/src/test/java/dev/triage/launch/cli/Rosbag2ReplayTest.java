package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code triage replay} of ROS 2 recordings through the real CLI: the six test frames as a zstd MCAP file (raw bgr8)
 * and as a rosbag2 sqlite3 folder (the PNG bytes as CompressedImage) give the same results, frame by frame, as the
 * folder of the PNG files; a cut MCAP file exits 3 after replaying the frames before the cut.
 */
class Rosbag2ReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsModelsAndWriters() {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
    }

    @Test
    void mcapAndSqlite3RecordingsGiveTheResultsOfTheSameFramesAsAFolder() throws Exception {
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "zstd"));
        Path bag = Files.createDirectories(dir.resolve("drive_bag"));
        Rosbag2Fixtures.writeDb3(bag.resolve("drive_bag_0.db3"), Rosbag2Fixtures.drive());
        Rosbag2Fixtures.writeMetadata(bag, "sqlite3", List.of("drive_bag_0.db3"), 13);
        Path frames = CliRun.repoRoot().resolve("datasets/src/test/resources/frames");
        List<JsonNode> fromFolder = replay(frames.toString(), "folder", "--no-video");
        List<JsonNode> fromMcap = replay(mcap.toString(), "mcap", "--no-video");
        List<JsonNode> fromDb3 = replay(bag.toString(), "db3", "--no-video", "--topic", "/cam/compressed");
        assertEquals(6, fromFolder.size());
        for (List<JsonNode> other : List.of(fromMcap, fromDb3)) {
            RecordedFrames.assertSameResultsAs(fromFolder, other);
            for (int i = 0; i < other.size(); i++) {
                assertEquals(Rosbag2Fixtures.BASE_NS + i * 100_000_000L, other.get(i).get("stamp_ns").asLong(),
                        "header stamp");
            }
        }
    }

    @Test
    void aCutMcapExits3AfterReplayingTheFramesBeforeTheCut() throws Exception {
        Path whole = Rosbag2Fixtures.writeMcap(dir.resolve("whole.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "lz4", "chunkSize", 300_000));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path out = dir.resolve("out-cut");
        CliRun run = CliRun.run("replay", cut.toString(), "--out", out.toString(), "--budget-ms", "1000",
                "--no-video");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(cut + ": truncated or corrupt at byte "), run.stderr());
        long processed = Files.readAllLines(out.resolve("detections.jsonl")).size();
        assertTrue(processed >= 2 && processed < 6, processed + " frames before the cut");
        assertTrue(JSON.readTree(out.resolve("summary.json").toFile()).get("source_error").asText()
                .contains("cut.mcap"));
    }

    private static List<JsonNode> replay(String source, String name, String... extra) throws IOException {
        return CliRun.replayResults(dir.resolve("out-" + name), source, extra);
    }
}
