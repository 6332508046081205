package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.datasets.bag.BagMessage;
import dev.triage.datasets.bag.BagReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Offline replay of recorded drives through the real CLI: the same six frames as a ROS bag (written by Debian's
 * rosbag API, as lossless bgr8 and as the PNG bytes) and as a folder of PNG files give identical results frame by
 * frame (scene, gate probabilities, experts run, detections, lanes); a bag with an unsupported encoding costs
 * counted frames, not the run; a cut bag exits 3 after replaying what it holds.
 */
class ReplaySourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsModelsAndRosTools() {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        assumeTrue(pythonRosbag(), "Debian's python rosbag is missing (scripts/install-deps.sh installs it)");
    }

    private static Path frames() {
        return CliRun.repoRoot().resolve("datasets/src/test/resources/frames");
    }

    @Test
    void aBagAndAFolderOfTheSameFramesGiveIdenticalResults() throws Exception {
        Path bag = writeBag("drive.bag", "--compression", "lz4", "--chatter", "--stream", "/cam/image_raw:raw:bgr8",
                "--stream", "/cam/compressed:compressed:png");
        // Both experts on every frame (top probability always below the band of 1, budget ample), no smoothing or
        // dwell: every output of every model is compared.
        Path config = Files.writeString(dir.resolve("both-experts.yaml"),
                "gate:\n  smoothing: 1\n  min_dwell_frames: 0\n  uncertainty_band: 1\n");
        List<JsonNode> fromFolder = replay(frames().toString(), "folder", "--config", config.toString());
        List<JsonNode> fromRawBag = replay(bag.toString(), "bag-raw", "--config", config.toString());
        List<JsonNode> fromPngBag = replay(bag.toString(), "bag-png", "--config", config.toString(),
                "--topic", "/cam/compressed");
        assertEquals(6, fromFolder.size());
        assertTrue(fromFolder.stream().allMatch(r -> r.get("experts").size() == 2), "both experts ran");
        RecordedFrames.assertSameResultsAs(fromFolder, fromRawBag);
        RecordedFrames.assertSameResultsAs(fromFolder, fromPngBag);
        assertTrue(fromFolder.get(0).get("frame_id").asText().startsWith("frame00_"));
        assertEquals(100_000_000L, fromFolder.get(1).get("stamp_ns").asLong(), "--fps default 10");
        assertEquals(1_700_000_000_100_000_000L, fromRawBag.get(1).get("stamp_ns").asLong(), "bag header stamp");
    }

    @Test
    void framesWithAnUnsupportedEncodingAreCountedNotFatal() throws Exception {
        Path bag = writeBag("yuv.bag", "--stream", "/cam/yuv:raw:yuv422");
        Path out = dir.resolve("out-yuv");
        CliRun run = CliRun.run("replay", bag.toString(), "--out", out.toString(), "--budget-ms", "1000");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(6, summary.get("frames_in").asLong());
        assertEquals(6, summary.get("frames_failed").asLong());
        List<String> problems = Files.readAllLines(out.resolve("problems.jsonl"));
        assertEquals(6, problems.size());
        for (String line : problems) {
            JsonNode p = JSON.readTree(line);
            assertEquals("decode_failed", p.get("kind").asText());
            assertTrue(p.get("message").asText().contains("yuv422"), line);
        }
    }

    @Test
    void aCutBagIsReplayedUpToTheCutAndExits3NamingFileAndOffset() throws Exception {
        Path bag = writeBag("cut.bag", "--compression", "bz2", "--stream", "/cam/image_raw:raw:bgr8",
                "--chunk-threshold", "1000");
        List<Long> offsets = new ArrayList<>();
        try (BagReader reader = BagReader.open(bag)) {
            for (Optional<BagMessage> m = reader.next(); m.isPresent(); m = reader.next()) {
                offsets.add(m.get().offset()); // one message per chunk: the chunk's offset
            }
        }
        try (FileChannel ch = FileChannel.open(bag, StandardOpenOption.WRITE)) {
            ch.truncate(offsets.get(3) + 1000);
        }
        Path out = dir.resolve("out-cut");
        CliRun run = CliRun.run("replay", bag.toString(), "--out", out.toString(), "--budget-ms", "1000");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(bag + ": truncated or corrupt at byte " + offsets.get(3) + ":"),
                run.stderr());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.get("frames_processed").asLong(), summary.toString());
        assertTrue(summary.get("source_error").asText().contains("cut.bag"), summary.toString());
    }

    private static List<JsonNode> replay(String source, String name, String... extra) throws IOException {
        return CliRun.replayResults(dir.resolve("out-" + name), source, extra);
    }

    private static Path writeBag(String name, String... args) throws Exception {
        Path bag = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(PYTHON,
                CliRun.repoRoot().resolve("datasets/src/test/resources/ros/write_bag.py").toString(), bag.toString(),
                frames().toString()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "write_bag.py timed out");
        assertEquals(0, p.exitValue(), Files.readString(log));
        return bag;
    }

    private static boolean pythonRosbag() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import rosbag, roslz4, sensor_msgs.msg, PIL")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
