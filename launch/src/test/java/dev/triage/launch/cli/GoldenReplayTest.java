package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.triage.launch.wiring.SourceFactory;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.FrameSource;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden replay regression (after openpilot's process_replay): a short synthetic drive is replayed with the shipped
 * models and compared frame by frame with the committed reference (scene, gate probabilities, experts run,
 * detections, lanes), within tolerances that absorb floating-point
 * noise but not behaviour changes. Regenerate the reference on purpose with {@code bash scripts/golden.sh
 * --update-golden} after changing a model or the pipeline, and review the diff.
 */
class GoldenReplayTest {
    static final String SOURCE = "synthetic:seed=3,route=urban:40/highway:40";
    static final Path GOLDEN = CliRun.repoRoot().resolve("launch/src/test/resources/golden/synthetic-seed3.jsonl");
    private static final double PIXELS = 3.0;
    private static final double SCORE = 0.05;
    /** Gate probabilities: well under any GatePolicy threshold step, far over float noise. */
    private static final double PROBABILITY = 0.01;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void replayMatchesTheCommittedReference() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        // A generous budget makes the "both experts when uncertain, if they fit" decision independent of how fast
        // this machine happens to be, so the reference is deterministic.
        CliRun run = CliRun.run("replay", SOURCE, "--out", out.toString(), "--no-video", "--budget-ms", "1000");
        assertEquals(0, run.exitCode(), run.stderr());
        List<JsonNode> actual = read(out.resolve("detections.jsonl"));
        if (Boolean.getBoolean("triage.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            List<String> lines = new ArrayList<>();
            for (JsonNode frame : actual) {
                lines.add(JSON.writeValueAsString(stable(frame)));
            }
            Files.write(GOLDEN, lines);
            return;
        }
        assertMatchesGolden(actual);
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
        assumeTrue(Files.isRegularFile(GOLDEN), "no reference at " + GOLDEN);
        Path raw = out.resolve("frames.raw");
        Path stamps = out.resolve("stamps.txt");
        int[] size = new int[2];
        List<String> stampLines = new ArrayList<>();
        try (FrameSource source = SourceFactory.open(SOURCE);
             OutputStream frames = new BufferedOutputStream(Files.newOutputStream(raw))) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Image.Raw image = (Image.Raw) f.get().image();
                assertEquals("bgr8", image.encoding());
                assertEquals(image.width() * 3, image.step(), "packed rows");
                size[0] = image.width();
                size[1] = image.height();
                frames.write(image.data());
                stampLines.add(Long.toString(f.get().stampNanos()));
            }
        }
        Files.write(stamps, stampLines);
        Path bag = out.resolve("drive.bag");
        Process writer = new ProcessBuilder("/usr/bin/python3",
                CliRun.repoRoot().resolve("launch/src/test/resources/ros/raw_to_bag.py").toString(), raw.toString(),
                stamps.toString(), Integer.toString(size[0]), Integer.toString(size[1]), bag.toString(),
                "/camera/image_raw").redirectErrorStream(true).start();
        String log = new String(writer.getInputStream().readAllBytes());
        assertEquals(0, writer.waitFor(), log);
        Files.delete(raw);
        Path replayed = out.resolve("bag-replay");
        CliRun run = CliRun.run("replay", bag.toString(), "--out", replayed.toString(), "--no-video", "--budget-ms",
                "1000");
        assertEquals(0, run.exitCode(), run.stderr());
        assertMatchesGolden(read(replayed.resolve("detections.jsonl")));
    }

    private static void assertMatchesGolden(List<JsonNode> actual) throws Exception {
        assertTrue(Files.isRegularFile(GOLDEN), "no reference at " + GOLDEN + "; create it with scripts/golden.sh --update-golden");
        List<JsonNode> expected = read(GOLDEN);
        assertEquals(expected.size(), actual.size(), "frame count");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            compareFrame(expected.get(i), stable(actual.get(i)), differences);
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences from the golden replay (first 10):\n"
                    + String.join("\n", differences.subList(0, Math.min(10, differences.size()))));
        }
    }

    /** The deterministic part of a frame's output (timings vary from run to run and are left out). */
    private static JsonNode stable(JsonNode frame) {
        var copy = frame.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("timings_ms", "deadline_met"));
        return copy;
    }

    private static void compareFrame(JsonNode want, JsonNode got, List<String> differences) {
        String at = "seq " + want.get("seq").asText() + ": ";
        if (!want.get("scene").equals(got.get("scene")) || !want.get("experts").equals(got.get("experts"))) {
            differences.add(at + "scene/experts " + want.get("scene") + want.get("experts") + " → " + got.get("scene")
                    + got.get("experts"));
            return;
        }
        JsonNode wp = want.get("scene_probs");
        JsonNode gp = got.get("scene_probs");
        if (wp == null || gp == null || !names(wp).equals(names(gp))) {
            differences.add(at + "scene_probs scenes " + wp + " → " + gp);
            return;
        }
        for (String scene : names(wp)) {
            if (Math.abs(wp.get(scene).asDouble() - gp.get(scene).asDouble()) > PROBABILITY) {
                differences.add(at + "scene_probs." + scene + " " + wp.get(scene) + " → " + gp.get(scene));
            }
        }
        JsonNode wd = want.get("detections");
        JsonNode gd = got.get("detections");
        if (wd.size() != gd.size()) {
            differences.add(at + "detections " + wd.size() + " → " + gd.size());
        } else {
            for (int d = 0; d < wd.size(); d++) {
                JsonNode a = wd.get(d);
                JsonNode b = gd.get(d);
                boolean same = a.get("cls").equals(b.get("cls"))
                        && Math.abs(a.get("score").asDouble() - b.get("score").asDouble()) <= SCORE;
                for (String k : List.of("x1", "y1", "x2", "y2")) {
                    same &= Math.abs(a.get(k).asDouble() - b.get(k).asDouble()) <= PIXELS;
                }
                if (!same) {
                    differences.add(at + "detection " + d + " " + a + " → " + b);
                }
            }
        }
        JsonNode wl = want.get("lanes");
        JsonNode gl = got.get("lanes");
        if (wl.size() != gl.size()) {
            differences.add(at + "lanes " + wl.size() + " → " + gl.size());
            return;
        }
        for (int l = 0; l < wl.size(); l++) {
            if (wl.get(l).size() != gl.get(l).size()) {
                differences.add(at + "lane " + l + " points " + wl.get(l).size() + " → " + gl.get(l).size());
                continue;
            }
            for (int p = 0; p < wl.get(l).size(); p++) {
                JsonNode a = wl.get(l).get(p);
                JsonNode b = gl.get(l).get(p);
                if (Math.abs(a.get(0).asDouble() - b.get(0).asDouble()) > PIXELS
                        || Math.abs(a.get(1).asDouble() - b.get(1).asDouble()) > PIXELS) {
                    differences.add(at + "lane " + l + " point " + p + " " + a + " → " + b);
                    break;
                }
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                frames.add(JSON.readTree(line));
            }
        }
        return frames;
    }
}
