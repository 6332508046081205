package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third expert and a three-class gate through configuration alone. The YAML in {@link #config} points the gate at
 * a model whose sidecar lists {@code [urban, highway, night]} and adds {@code experts.night} (kind centernet, scenes
 * [night]); no Java code names the scene. The probe models of {@code training/fixtures/make_three_scene_fixtures.py}
 * make the answers known: a red frame is urban, a green one highway, a blue one night, and only the night expert
 * answers a blue frame with pedestrians (the urban expert would see vehicles in it).
 */
class ThirdExpertFromConfigTest {
    static final Path FIXTURES = CliRun.repoRoot().resolve("launch/src/test/resources/fixtures/three_scenes");
    private static final List<String> SCENES = List.of("urban", "highway", "night");
    /** Segments of the drive: scene and BGR colour, 15 frames each. */
    private static final List<Object[]> DRIVE = List.of(new Object[] {"urban", new Scalar(0, 0, 255)},
            new Object[] {"night", new Scalar(255, 0, 0)}, new Object[] {"highway", new Scalar(0, 255, 0)});
    private static final int SEGMENT = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /**
     * The whole difference from the packaged configuration: a third expert and a three-class gate (the fixture folder
     * stands in for models/, so the urban slot names its probe, a CenterNet, instead of the shipped COCO detector, and
     * the gate names the fixture's file, {@code gate}, instead of the packaged {@code gate_int8}).
     */
    private Path config(String experts) throws Exception {
        return Files.writeString(dir.resolve("night.yaml"), "models_dir: " + FIXTURES + "\ngate:\n  model: gate\n"
                + URBAN_PROBE
                + experts.replace("experts:\n", ""));
    }

    private static final String URBAN_PROBE = """
            experts:
              urban:
                model: urban
                score_threshold: 0.3
            """;

    private static final String NIGHT = """
            experts:
              night:
                kind: centernet
                model: night
                scenes: [night]
            """;

    /** A labelled image folder: 15 red (urban), 15 blue (night), 15 green (highway) frames. */
    private Path drive() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("drive"));
        StringBuilder labels = new StringBuilder("filename,scene,source\n");
        int i = 0;
        for (Object[] segment : DRIVE) {
            for (int k = 0; k < SEGMENT; k++, i++) {
                String name = String.format("%03d.png", i);
                Mat m = new Mat(240, 320, CvType.CV_8UC3, (Scalar) segment[1]);
                try {
                    assertTrue(Imgcodecs.imwrite(folder.resolve(name).toString(), m));
                } finally {
                    m.release();
                }
                labels.append(name).append(',').append(segment[0]).append(",probe\n");
            }
        }
        Files.writeString(folder.resolve("labels.csv"), labels);
        return folder;
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void aThirdExpertServesItsSceneThroughEveryOutput() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("replay", drive().toString(), "--out", out.toString(), "--no-video", "--budget-ms",
                "1000", "--config", config(NIGHT).toString());
        assertEquals(0, run.exitCode(), run.stderr());

        List<JsonNode> frames = lines(out.resolve("detections.jsonl"));
        assertEquals(3 * SEGMENT, frames.size());
        int nightOnBlue = 0;
        for (JsonNode f : frames) {
            List<String> names = new ArrayList<>();
            f.get("scene_probs").fieldNames().forEachRemaining(names::add);
            assertEquals(SCENES, names, "scene_probs names the gate's classes in order");
            if (f.get("experts").toString().equals("[\"night\"]")) {
                assertEquals("night", f.get("scene").asText());
                List<String> labels = f.get("detections").findValuesAsText("cls");
                assertTrue(labels.stream().allMatch("pedestrian"::equals), "the night expert's answer: " + labels);
                if (DRIVE.get(f.get("seq").asInt() / SEGMENT)[0].equals("night")) {
                    assertTrue(!labels.isEmpty(), "pedestrians in a blue frame " + f.get("seq"));
                    nightOnBlue++;
                }
            }
        }
        assertTrue(nightOnBlue >= 10, "blue frames served by the night expert alone: " + nightOnBlue);
        for (int s = 0; s < DRIVE.size(); s++) {
            assertEquals(DRIVE.get(s)[0], frames.get((s + 1) * SEGMENT - 1).get("scene").asText(),
                    "decided at the end of segment " + s);
        }

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.at("/expert_share/night").asDouble() > 0.2, summary.toString());
        assertTrue(summary.at("/scene_share/night").asDouble() > 0.2, summary.toString());

        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        List<String> rows = new ArrayList<>();
        metrics.at("/gate/confusion").fieldNames().forEachRemaining(rows::add);
        assertEquals(SCENES, rows);
        assertTrue(metrics.at("/gate/confusion/night/night").asLong() >= 10, metrics.toString());
        assertEquals(1.0, metrics.at("/gate/raw_accuracy").asDouble(), 1e-9, "the probe gate is always right");

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data-scene=\"night\""), "the night probability line");
        assertTrue(html.contains("<th>night</th>"), "the night row of the confusion table");
        assertTrue(html.contains("#8e44ad"), "night's colour in the timeline");
    }

    @Test
    void evalComparesAnAlwaysPolicyForTheThirdScene() throws Exception {
        Path out = dir.resolve("eval");
        CliRun run = CliRun.run("eval", drive().toString(), "--out", out.toString(), "--no-baselines", "--config",
                config(NIGHT).toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        for (String policy : List.of("gated", "always_urban", "always_highway", "always_night", "both")) {
            assertTrue(m.at("/policies/" + policy).isObject(), policy + " in " + m.get("policies").fieldNames());
        }
        assertEquals(1.0, m.at("/policies/always_night/expert_share/night").asDouble(), 1e-9);
        assertEquals(1.0, m.at("/policies/both/expert_share/night").asDouble(), 1e-9);
        assertEquals(1.0, m.at("/policies/gated/gate/accuracy").asDouble(), 1e-9, "stills: the probe gate decides");
    }

    /** Replays the drive with {@code experts} configured; asserts exit 2 and one line on stderr, and returns it. */
    private String refusal(String experts) throws Exception {
        CliRun run = CliRun.run("replay", drive().toString(), "--out", dir.resolve("o").toString(), "--config",
                config(experts).toString());
        assertEquals(2, run.exitCode(), run.stderr());
        String line = run.stderr().strip();
        assertEquals(1, line.lines().count(), line);
        return line;
    }

    @Test
    void aGateClassWithoutAnExpertIsOneLineNamingTheSidecarAndTheKey() throws Exception {
        String line = refusal("");
        assertTrue(line.contains(FIXTURES.resolve("gate.json").toString()) && line.contains("'night'")
                && line.contains("experts.<name>.scenes"), line);
    }

    @Test
    void anExpertSceneTheGateDoesNotKnowIsOneLineNamingTheKeyAndTheSidecar() throws Exception {
        String line = refusal(NIGHT.replace("[night]", "[night, tunnel]"));
        assertTrue(line.contains("experts.night.scenes") && line.contains("'tunnel'")
                && line.contains(FIXTURES.resolve("gate.json").toString()), line);
    }

    @Test
    void aMissingModelFileIsOneLineNamingTheFileAndTheKey() throws Exception {
        assertEquals("triage: " + FIXTURES.resolve("night_detector.pt") + ": model file not found "
                + "(experts.night.model: night_detector)",
                refusal(NIGHT.replace("model: night", "model: night_detector")));
    }

    @Test
    void aKindThatDisagreesWithTheSidecarIsRefusedAtStart() throws Exception {
        CliRun run = CliRun.run("replay", drive().toString(), "--out", dir.resolve("o").toString(), "--config",
                config(NIGHT.replace("kind: centernet", "kind: row_anchor_lanes")).toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("experts.night.kind") && run.stderr().contains("night.json")
                && run.stderr().contains("'centernet'"), run.stderr());
    }
}
