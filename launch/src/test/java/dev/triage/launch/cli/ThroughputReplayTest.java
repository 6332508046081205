package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code replay --throughput} against lossless replay with the shipped models: the same scenes, gate probabilities,
 * experts, detections and lanes for every frame, in the same order, and the same lost frames, on the golden drive
 * (which must still match its reference), a real highway clip and a folder of real frames with one damaged file.
 * The budget is 1000 ms, as in the golden test, so that "both experts when they fit" does not depend on the load.
 */
class ThroughputReplayTest {
    private static final Path SHARED = DevValidationTest.SHARED;
    private static final Path UDACITY = SHARED.resolve("udacity_highway_p1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void goldenDriveMatchesLosslessAndTheReference() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        assumeTrue(GoldenDrive.referenceExists(), "no reference at " + GoldenDrive.GOLDEN);
        List<JsonNode> lossless = CliRun.replayResults(out.resolve("lossless"), GoldenDrive.SOURCE, "--no-video");
        List<JsonNode> throughput = CliRun.replayResults(out.resolve("throughput"), GoldenDrive.SOURCE, "--no-video",
                "--throughput=2");
        assertSameFrames(lossless, throughput);
        GoldenDrive.assertMatchesGolden(throughput);
        JsonNode rate = JSON.readTree(out.resolve("throughput/summary.json").toFile()).get("rate");
        assertEquals("throughput", rate.get("mode").asText());
        assertEquals(2, rate.get("lanes").asInt());
        assertEquals(80, rate.get("frames").asInt());
        assertTrue(rate.get("fps").asDouble() > 0, rate.toString());
        assertEquals("lossless", JSON.readTree(out.resolve("lossless/summary.json").toFile()).get("rate").get("mode")
                .asText());
    }

    @Test
    void realClipMatchesLossless() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path clip = UDACITY.resolve("videos/solidWhiteRight.mp4");
        assumeTrue(Files.isRegularFile(clip), "real clip absent (" + clip + ", non-commercial data): skipped");
        String[] args = {"--no-video", "--frames", "40"};
        List<JsonNode> lossless = CliRun.replayResults(out.resolve("lossless"), clip.toString(), args);
        List<JsonNode> throughput = CliRun.replayResults(out.resolve("throughput"), clip.toString(),
                Stream.concat(Arrays.stream(args), Stream.of("--throughput=2")).toArray(String[]::new));
        assertEquals(40, lossless.size());
        assertSameFrames(lossless, throughput);
    }

    @Test
    void aDamagedFrameIsLostInBothModesAtTheSamePlace() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path frames = UDACITY.resolve("frames_from_video");
        assumeTrue(Files.isDirectory(frames), "real frames absent (" + frames + ", non-commercial data): skipped");
        Path folder = Files.createDirectories(out.resolve("frames"));
        List<Path> jpegs;
        try (Stream<Path> files = Files.list(frames)) {
            jpegs = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(8).toList();
        }
        for (Path jpeg : jpegs) {
            Files.copy(jpeg, folder.resolve(jpeg.getFileName()));
        }
        Path damaged = folder.resolve(jpegs.get(3).getFileName());
        byte[] bytes = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 2));   // cut in the middle of the scan

        List<JsonNode> lossless = CliRun.replayResults(out.resolve("lossless"), folder.toString(), "--no-video");
        List<JsonNode> throughput = CliRun.replayResults(out.resolve("throughput"), folder.toString(), "--no-video",
                "--throughput=3");
        assertEquals(jpegs.size() - 1, lossless.size());
        assertSameFrames(lossless, throughput);
        List<String> lostLossless = Files.readAllLines(out.resolve("lossless/problems.jsonl"));
        List<String> lostThroughput = Files.readAllLines(out.resolve("throughput/problems.jsonl"));
        assertEquals(1, lostLossless.size(), String.join("\n", lostLossless));
        assertEquals(lostLossless, lostThroughput);
        JsonNode summary = JSON.readTree(out.resolve("throughput/summary.json").toFile());
        assertEquals(1, summary.get("frames_failed").asInt(), summary.toString());
    }

    /**
     * Eval's metrics (every policy, as one drive) are the same in both modes; only the latencies may differ, and the
     * deadline misses counted from them (a frame that finishes late keeps its outputs; under heavy load a frame can
     * pass even the 1 s budget in one mode and not in the other).
     */
    @Test
    void evalMetricsMatchLossless() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path set = SHARED.resolve("nuscenes_boston_urban_dev");
        assumeTrue(Files.isDirectory(set), "real frames absent (" + set + ", non-commercial data): skipped");
        JsonNode lossless = evalMetrics(set, out.resolve("eval-lossless"));
        JsonNode throughput = evalMetrics(set, out.resolve("eval-throughput"), "--throughput=2");
        assertEquals(lossless, throughput);
    }

    private static JsonNode evalMetrics(Path set, Path dir, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("eval", set.toString(), "--out", dir.toString(),
                "--budget-ms", "1000", "--as-drive", "--frames", "40", "--policies", "gated,both"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        metrics.findParents("latency_ms").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p)
                .remove(List.of("latency_ms", "deadline_misses")));
        return metrics;
    }

    @Test
    void badLaneCountsAndRealTimeAreUsageErrors() {
        Path dir = out.resolve("bad");
        assertEquals(2, CliRun.run("replay", "--out", dir.toString(), "--throughput=0").exitCode());
        assertEquals(2, CliRun.run("replay", "--out", dir.toString(), "--throughput=17").exitCode());
        CliRun both = CliRun.run("replay", "--out", dir.toString(), "--throughput", "--realtime");
        assertEquals(2, both.exitCode());
        assertTrue(both.stderr().contains("--realtime"), both.stderr());
    }

    /** Frame by frame equal, timings and deadline verdicts aside; the frames in the same order. */
    private static void assertSameFrames(List<JsonNode> expected, List<JsonNode> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(GoldenDrive.stable(expected.get(i)), GoldenDrive.stable(actual.get(i)), "frame " + i);
        }
    }
}
