package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.datasets.labels.DatasetFiles;
import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code triage eval} end to end on a tiny hand-made dataset (three sets in a folder with a root labels.csv). */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        DatasetFiles.write(dir, name, text);
    }

    private void save(String name, Mat m) throws IOException {
        DatasetFiles.image(dir, name, m);
    }

    private Path tinyDataset() throws IOException {
        OpenCv.load();
        Mat street = new Mat(240, 320, CvType.CV_8UC3, new Scalar(120, 120, 120));
        Imgproc.rectangle(street, new Point(100, 60), new Point(130, 170), new Scalar(40, 40, 160), -1);
        Imgproc.circle(street, new Point(115, 50), 10, new Scalar(150, 180, 220), -1);
        save("peds_tiny/images/p1.png", street);
        write("peds_tiny/labels.csv", "filename,scene,source\nimages/p1.png,urban,\"drawn, by a test\"\n");
        write("peds_tiny/boxes.csv", "filename,class,x1,y1,x2,y2\nimages/p1.png,pedestrian,100,40,130,170\n"
                + "images/p1.png,DontCare,200,10,300,100\n");

        Mat road = new Mat(288, 512, CvType.CV_8UC3, new Scalar(40, 70, 40));
        MatOfPoint area = new MatOfPoint(new Point(20, 288), new Point(240, 120), new Point(272, 120), new Point(492, 288));
        Imgproc.fillPoly(road, List.of(area), new Scalar(90, 90, 90));
        area.release();
        Imgproc.line(road, new Point(100, 287), new Point(245, 130), new Scalar(255, 255, 255), 4);
        Imgproc.line(road, new Point(412, 287), new Point(267, 130), new Scalar(255, 255, 255), 4);
        save("lanes_tiny/clips/a/20.jpg", road);
        write("lanes_tiny/labels.csv", "filename,scene,source\nclips/a/20.jpg,highway,drawn\n");
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        StringBuilder hs = new StringBuilder();
        for (int y = 140; y <= 284; y += 4) {
            double t = (287 - y) / 157.0;
            left.append(left.length() == 0 ? "" : ", ").append(Math.round(100 + 145 * t));
            right.append(right.length() == 0 ? "" : ", ").append(Math.round(412 - 145 * t));
            hs.append(hs.length() == 0 ? "" : ", ").append(y);
        }
        write("lanes_tiny/label_data.json", "{\"lanes\": [[" + left + "], [" + right + "]], \"h_samples\": [" + hs
                + "], \"raw_file\": \"clips/a/20.jpg\"}\n");

        save("scene_only/x.png", new Mat(240, 320, CvType.CV_8UC3, new Scalar(10, 200, 10)));
        save("scene_only/y.png", new Mat(240, 320, CvType.CV_8UC3, new Scalar(10, 200, 10)));
        write("scene_only/labels.csv", "filename,scene,source\nx.png,urban,drawn\ny.png,urbn,drawn\n");

        write("labels.csv", "filename,scene,source\npeds_tiny/images/p1.png,urban,\"drawn, by a test\"\n"
                + "lanes_tiny/clips/a/20.jpg,highway,drawn\nscene_only/x.png,urban,drawn\n");
        return dir;
    }

    @Test
    void writesEveryRequiredMetricForEveryPolicyAndBaseline() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path data = tinyDataset();
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("eval", data.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        List<String> required = List.of("/frames", "/gate/accuracy", "/gate/confusion/urban/urban",
                "/gate/confusion/highway/highway", "/urban/pedestrian/recall_iou50", "/urban/pedestrian/ap50",
                "/highway/lane/accuracy", "/highway/lane/fp", "/highway/lane/fn",
                "/baselines/hog_pedestrian/recall_iou50", "/baselines/hog_pedestrian/ap50",
                "/baselines/hough_lanes/accuracy", "/baselines/hough_lanes/fp", "/baselines/hough_lanes/fn");
        for (String key : required) {
            assertFalse(m.at(key).isMissingNode(), key + " missing in " + m);
        }
        assertEquals(3, m.get("frames").asInt());
        for (String policy : List.of("gated", "always_urban", "always_highway", "both")) {
            for (String key : List.of("/gate/accuracy", "/urban/pedestrian/recall_iou50", "/urban/pedestrian/ap50",
                    "/highway/lane/accuracy", "/highway/lane/fp", "/highway/lane/fn", "/latency_ms/mean",
                    "/latency_ms/p99")) {
                assertFalse(m.at("/policies/" + policy + key).isMissingNode(), policy + key + " missing");
            }
        }
        assertEquals(1.0, m.at("/policies/always_urban/gate/accuracy").asDouble() * 3, 2.0 + 1e-9);
        assertEquals(1, m.at("/urban/pedestrian/labelled").asInt());
        assertEquals(1.0, m.at("/baselines/hough_lanes/accuracy").asDouble(), 0.3);
        assertTrue(run.stdout().contains("| gated |"), run.stdout());
        assertTrue(run.stdout().contains("| baseline: HOG pedestrians |"), run.stdout());
    }

    @Test
    void splitEvaluatesOnlyTheListedFramesAndNamesTheMissingOnes() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path data = tinyDataset();
        write("split.csv", "filename,scene,source\nlanes_tiny/clips/a/20.jpg,highway,drawn\nnot/here.png,urban,x\n");
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("eval", data.toString(), "--split", dir.resolve("split.csv").toString(),
                "--policies", "gated", "--no-baselines", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(1, m.get("frames").asInt());
        assertEquals(1, m.at("/gate/frames").asInt());
        assertTrue(m.at("/urban/pedestrian").isMissingNode(), m.toString());
        assertFalse(m.at("/highway/lane/accuracy").isMissingNode(), m.toString());
        assertTrue(run.stderr().contains("not/here.png is not in"), run.stderr());
        assertTrue(run.stderr().contains("1 of 3 frames evaluated"), run.stderr());
    }

    @Test
    void missingLabelFilesOmitTheirMetricsWithAMessage() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        tinyDataset();
        Path out = dir.resolve("out2");
        CliRun run = CliRun.run("eval", dir.resolve("scene_only").toString(), "--out", out.toString(),
                "--policies", "gated,both");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertFalse(m.at("/gate/accuracy").isMissingNode());
        assertTrue(m.at("/urban/pedestrian").isMissingNode());
        assertTrue(m.at("/highway/lane").isMissingNode());
        assertTrue(run.stderr().contains("omitted: urban.pedestrian"), run.stderr());
        assertTrue(run.stderr().contains("omitted: highway.lane"), run.stderr());
        assertEquals(2, m.get("omitted").size() >= 2 ? 2 : m.get("omitted").size());
        String typo = "scene 'urbn' of 1 frame(s) (first: y.png) is not a class of this gate";
        assertTrue(run.stderr().contains("note: " + typo), run.stderr());
        assertTrue(m.get("notes").toString().contains(typo), m.get("notes").toString());
    }

    @Test
    void nonexistentDatasetIsAOneLineUsageError() {
        Path missing = dir.resolve("no_such_set");
        CliRun run = CliRun.run("eval", missing.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exitCode());
        assertEquals("triage: " + missing + ": no such dataset folder", run.stderr().strip());
    }

    @Test
    void malformedLabelIsAUsageErrorNamingFileAndLine() throws Exception {
        tinyDataset();
        write("peds_tiny/boxes.csv", "filename,class,x1,y1,x2,y2\nimages/p1.png,pedestrian,100,40\n");
        CliRun run = CliRun.run("eval", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().strip().startsWith("triage: " + dir.resolve("peds_tiny/boxes.csv") + ":2: "),
                run.stderr());
    }
}
