package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden replay regression (after openpilot's process_replay): the {@link GoldenDrive} replayed with the shipped
 * models, straight from the synthetic source and through a ROS 1 bag, must match the committed reference frame by
 * frame (the live ROS node's variant is {@code GoldenNodeReplayTest}). Regenerate the reference on purpose with
 * {@code bash scripts/golden.sh --update-golden} after changing a model or the pipeline, and review the diff.
 */
class GoldenReplayTest {
    @TempDir
    Path out;

    @Test
    void replayMatchesTheCommittedReference() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        // A generous budget makes the "both experts when uncertain, if they fit" decision independent of how fast
        // this machine happens to be, so the reference is deterministic.
        CliRun run = CliRun.run("replay", GoldenDrive.SOURCE, "--out", out.toString(), "--no-video", "--budget-ms",
                "1000");
        assertEquals(0, run.exitCode(), run.stderr());
        List<JsonNode> actual = GoldenDrive.read(out.resolve("detections.jsonl"));
        if (Boolean.getBoolean("triage.golden.update")) {
            GoldenDrive.update(actual);
            return;
        }
        GoldenDrive.assertMatchesGolden(actual);
    }

    /**
     * The same drive through another path: its frames written to a ROS 1 bag by Debian's python3-rosbag (raw bgr8,
     * the synthetic stamps), then {@code triage replay drive.bag}. The bag reader and image message decoding must
     * not change one decision of the pipeline.
     */
    @Test
    void aRos1BagOfTheSameDriveMatchesTheSameReference() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        assumeTrue(Files.isRegularFile(Path.of("/usr/lib/python3/dist-packages/rosbag/__init__.py")),
                "Debian's python3-rosbag missing (bash scripts/install-deps.sh): skipping the bag variant");
        assumeTrue(GoldenDrive.referenceExists(), "no reference at " + GoldenDrive.GOLDEN);
        GoldenDrive.RawFrames raw = GoldenDrive.writeRawFrames(out);
        Path bag = out.resolve("drive.bag");
        Process writer = new ProcessBuilder("/usr/bin/python3",
                CliRun.repoRoot().resolve("launch/src/test/resources/ros/raw_to_bag.py").toString(),
                raw.frames().toString(), raw.stamps().toString(), Integer.toString(raw.width()),
                Integer.toString(raw.height()), bag.toString(), "/camera/image_raw").redirectErrorStream(true).start();
        String log = new String(writer.getInputStream().readAllBytes());
        assertEquals(0, writer.waitFor(), log);
        Files.delete(raw.frames());
        Path replayed = out.resolve("bag-replay");
        CliRun run = CliRun.run("replay", bag.toString(), "--out", replayed.toString(), "--no-video", "--budget-ms",
                "1000");
        assertEquals(0, run.exitCode(), run.stderr());
        GoldenDrive.assertMatchesGolden(GoldenDrive.read(replayed.resolve("detections.jsonl")));
    }
}
