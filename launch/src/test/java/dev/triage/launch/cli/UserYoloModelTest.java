package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user's YOLO detector in the urban slot, configured by YAML only (no sidecar), end to end through
 * {@code triage replay}: the experts module's probe fixture answers with a known head (see
 * training/fixtures/make_yolo_fixtures.py), so every urban frame must carry its decoded, renamed boxes.
 */
class UserYoloModelTest {

    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        Path repo = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
        Path fixture = repo.resolve("experts/src/test/resources/fixtures/yolo_v8.pt");
        return Files.writeString(dir.resolve("yolo.yaml"), "experts:\n  urban:\n    model: " + fixture + "\n"
                + "    score_threshold: 0.3\n    yolo:\n      input_width: 64\n      input_height: 48\n"
                + "      classes: [person, bicycle, car, dog]\n" + extra);
    }

    @Test
    void replayUsesTheConfiguredYoloModelForUrbanFrames() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "needs the shipped gate and highway models");
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("replay", "--out", out.toString(), "--frames", "30", "--no-video", "--config",
                config("      label_map: {person: pedestrian, bicycle: cyclist, car: vehicle}\n").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("detections.jsonl"));
        assertEquals(30, lines.size());
        int urbanFrames = 0;
        for (String line : lines) {
            JsonNode frame = json.readTree(line);
            if (frame.get("experts").toString().contains("urban")) {
                urbanFrames++;
                List<String> labels = frame.get("detections").findValuesAsText("cls");
                assertTrue(labels.containsAll(List.of("vehicle", "cyclist")) && !labels.contains("dog"),
                        "renamed, dog dropped: " + labels);
            }
        }
        assertTrue(urbanFrames >= 20, "the drive starts urban: " + urbanFrames);
    }

    @Test
    void aLabelMapForAnUnknownClassIsAConfigurationError() throws Exception {
        CliRun run = CliRun.run("replay", "--out", dir.resolve("o").toString(), "--frames", "2", "--no-video",
                "--config", config("      label_map: {truck: vehicle}\n").toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("experts.urban.yolo") && run.stderr().contains("truck"), run.stderr());
    }

    @Test
    void aYoloSectionWithoutClassesIsRefusedByTheSchema() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                "experts:\n  urban:\n    yolo:\n      input_width: 64\n      input_height: 48\n");
        CliRun run = CliRun.run("replay", "--out", dir.resolve("o").toString(), "--frames", "2", "--config",
                bad.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("bad.yaml") && run.stderr().contains("classes"), run.stderr());
    }
}
