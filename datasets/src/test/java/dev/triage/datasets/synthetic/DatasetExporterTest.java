package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.datasets.labels.LabelledFrame;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.image.OpenCv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class DatasetExporterTest {

    @Test
    void samplesFollowTheContractLayout(@TempDir Path dir) throws Exception {
        ExportSummary s = new DatasetExporter().exportSamples(dir, 6, 4, 320, 240);
        assertEquals(6, s.frames());
        assertEquals(3, s.urbanFrames());
        assertEquals(3, s.highwayFrames());
        List<String> lines = Files.readAllLines(dir.resolve("labels.jsonl"));
        List<String> csv = Files.readAllLines(dir.resolve("labels.csv"));
        assertEquals(6, lines.size());
        assertEquals("filename,scene,source", csv.get(0));
        assertEquals(7, csv.size());
        ObjectMapper json = new ObjectMapper();
        int urban = 0;
        OpenCv.load();
        for (int i = 0; i < 6; i++) {
            JsonNode o = json.readTree(lines.get(i));
            String file = String.format("images/%06d.jpg", i);
            assertEquals(file, o.get("file").asText());
            assertTrue(Set.of("urban", "highway").contains(o.get("scene").asText()));
            urban += o.get("scene").asText().equals("urban") ? 1 : 0;
            assertEquals(320, o.get("width").asInt());
            assertEquals(240, o.get("height").asInt());
            for (JsonNode b : o.get("boxes")) {
                assertTrue(Set.of("pedestrian", "cyclist", "vehicle").contains(b.get("cls").asText()));
                assertTrue(b.get("x2").asDouble() > b.get("x1").asDouble());
                assertTrue(b.get("y2").asDouble() <= 240);
            }
            assertTrue(o.get("ignore").isArray());
            int rows = o.get("h_samples").size();
            assertEquals(96, o.get("h_samples").get(0).asInt());
            assertEquals(4, o.get("lanes").size());
            for (JsonNode lane : o.get("lanes")) {
                assertEquals(rows, lane.size());
            }
            assertTrue(csv.get(i + 1).startsWith(file + "," + o.get("scene").asText() + ","));
            Mat img = Imgcodecs.imread(dir.resolve(file).toString());
            assertEquals(320, img.cols());
            assertEquals(240, img.rows());
            img.release();
        }
        assertEquals(3, urban);
    }

    @Test
    void evalReadsTheExportsBoxesAndLanes(@TempDir Path dir) throws Exception {
        new DatasetExporter().exportSamples(dir, 6, 4, 320, 240);
        LabelledDataset dataset = LabelledDataset.load(dir);
        List<String> lines = Files.readAllLines(dir.resolve("labels.jsonl"));
        ObjectMapper json = new ObjectMapper();
        int laneFrames = 0;
        for (LabelledFrame frame : dataset.frames()) {
            JsonNode o = json.readTree(lines.get(Integer.parseInt(frame.id().replaceAll("\\D", ""))));
            assertEquals(o.get("file").asText(), frame.id());
            assertEquals(Optional.of("boxes.csv"), frame.boxSource(), frame.id());
            assertEquals(o.get("boxes").size() + o.get("ignore").size(),
                    frame.truth().objects().size() + frame.truth().ignore().size(), frame.id());
            if (frame.laneSource().isPresent()) {
                laneFrames++;
                List<List<Double>> lanes = frame.truth().lanes().orElseThrow().lanes();
                for (int lane = 0; lane < lanes.size(); lane++) {
                    for (int row = 0; row < lanes.get(lane).size(); row++) {
                        double x = o.get("lanes").get(lane).get(row).asDouble();
                        assertEquals(x < 0 ? LaneRows.ABSENT : x, lanes.get(lane).get(row), 1e-9);
                    }
                }
            }
        }
        assertEquals(6, dataset.frames().size());
        assertTrue(laneFrames >= 3, "every highway frame has lanes: " + laneFrames);
    }

    @Test
    void driveExportFollowsTheRoute(@TempDir Path dir) throws Exception {
        SyntheticConfig c = SyntheticSpec.parse("synthetic:seed=2,route=urban:2/highway:2,width=160,height=120");
        ExportSummary s = new DatasetExporter().exportDrive(dir, c, 0);
        assertEquals(4, s.frames());
        List<String> csv = Files.readAllLines(dir.resolve("labels.csv"));
        assertTrue(csv.get(1).contains(",urban,"));
        assertTrue(csv.get(3).contains(",highway,"));
        assertTrue(Files.exists(dir.resolve("images/000003.jpg")));
    }
}
