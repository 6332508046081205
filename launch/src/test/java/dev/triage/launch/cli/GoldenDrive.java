package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The golden drive and its reference, for every path that replays it (after openpilot's process_replay): the
 * synthetic source itself, a ROS 1 bag of its frames and the live ROS node. Frames are compared with tolerances that
 * absorb floating-point noise but not behaviour changes: scene, gate probabilities, experts run, detections, lanes.
 */
public final class GoldenDrive {
    /** The drive: 40 urban then 40 highway frames of the synthetic generator, 640x480 bgr8 at 20 Hz. */
    public static final String SOURCE = "synthetic:seed=3,route=urban:40/highway:40";
    /** The committed reference ({@code bash scripts/golden.sh --update-golden} rewrites it). */
    public static final Path GOLDEN = CliRun.repoRoot().resolve("launch/src/test/resources/golden/synthetic-seed3.jsonl");
    private static final double PIXELS = 3.0;
    private static final double SCORE = 0.05;
    /** Gate probabilities: well under any GatePolicy threshold step, far over float noise. */
    private static final double PROBABILITY = 0.01;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenDrive() {
    }

    /** What {@link #writeRawFrames} wrote: the frame size and how many frames. */
    public record RawFrames(Path frames, Path stamps, int width, int height, int count) {
    }

    /**
     * Writes the drive's frames back to back as packed bgr8 ({@code frames.raw}) and their stamps in ns, one a line
     * ({@code stamps.txt}), into {@code dir}: the input of the peers that replay it through other paths.
     */
    public static RawFrames writeRawFrames(Path dir) throws Exception {
        Path raw = dir.resolve("frames.raw");
        Path stamps = dir.resolve("stamps.txt");
        int width = 0;
        int height = 0;
        List<String> stampLines = new ArrayList<>();
        try (FrameSource source = SourceFactory.open(SOURCE);
             OutputStream frames = new BufferedOutputStream(Files.newOutputStream(raw))) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Image.Raw image = (Image.Raw) f.get().image();
                assertEquals("bgr8", image.encoding());
                assertEquals(image.width() * 3, image.step(), "packed rows");
                width = image.width();
                height = image.height();
                frames.write(image.data());
                stampLines.add(Long.toString(f.get().stampNanos()));
            }
        }
        Files.write(stamps, stampLines);
        return new RawFrames(raw, stamps, width, height, stampLines.size());
    }

    /** The reference exists (else the variants have nothing to match). */
    public static boolean referenceExists() {
        return Files.isRegularFile(GOLDEN);
    }

    /** Rewrites the reference from {@code actual} (the synthetic path, on purpose only). */
    static void update(List<JsonNode> actual) throws Exception {
        Files.createDirectories(GOLDEN.getParent());
        List<String> lines = new ArrayList<>();
        for (JsonNode frame : actual) {
            lines.add(JSON.writeValueAsString(stable(frame)));
        }
        Files.write(GOLDEN, lines);
    }

    /** Fails with the first differences when {@code actual} (frames in order) does not match the reference. */
    public static void assertMatchesGolden(List<JsonNode> actual) throws Exception {
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
    static JsonNode stable(JsonNode frame) {
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

    /** The JSON lines of {@code file}. */
    public static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                frames.add(JSON.readTree(line));
            }
        }
        return frames;
    }
}
