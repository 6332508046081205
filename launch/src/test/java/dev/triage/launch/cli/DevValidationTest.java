package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped models on real frames, through {@code triage eval}, must not fall below the figures measured when they
 * were shipped (README "Evaluation on real frames"):
 * <ul>
 *   <li>the fixed dev-validation split ({@code training/splits/dev_val.csv}, never trained on): gate accuracy
 *       (the network's own and the gated policy's, frames as independent stills), TuSimple lane accuracy above the
 *       Canny + Hough baseline, and pedestrian recall and AP50 against OpenCV's HOG;</li>
 *   <li>{@code pedestrians_street_dev} (visible people; 4 of its 5 images are in dev_train and the urban expert
 *       trains on them), always routed to the urban expert: pedestrian recall and AP50.</li>
 * </ul>
 * On dev_val the floors are the targets (the pedestrian ones rest on dev_val's 2 people only). On
 * pedestrians_street_dev the floors sit a little under the measured values, and the target (recall at least
 * HOG + 20 points, AP50 above HOG) is asserted too, although most of that set is trained on (README, "Evaluation on
 * real frames"). Skips
 * with the reason when {@code ../shared/data} is absent.
 */
class DevValidationTest {
    static final Path SHARED = Path.of(System.getProperty("triage.shared.data", "../../shared/data"))
            .toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Gate accuracy on dev_val, per frame and routed (issue target 0.97). */
    static final double GATE_FLOOR = 0.97;
    /** TuSimple lane accuracy on the dev_val lane frames: the target (highway v4 measured 0.907). */
    static final double LANE_FLOOR = 0.90;
    /** Pedestrian recall at IoU 0.5 on pedestrians_street_dev (urban v9 measured 0.730; HOG 0.486; issue target HOG + 0.20). */
    static final double PEDESTRIAN_RECALL_FLOOR = 0.70;
    /** Pedestrian AP50 on pedestrians_street_dev (urban v9 measured 0.683; HOG 0.435). */
    static final double PEDESTRIAN_AP_FLOOR = 0.65;
    /** The pedestrian margin over OpenCV's HOG in recall at IoU 0.5. */
    static final double HOG_RECALL_MARGIN = 0.20;

    @TempDir
    Path dir;

    private static void assumeData() {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        assumeTrue(Files.isDirectory(SHARED), SHARED + " absent (the real development frames ship only with CI's "
                + "../shared); set -Dtriage.shared.data=DIR to run this test");
    }

    private JsonNode eval(String... args) throws Exception {
        Path out = dir.resolve("out");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        CliRun run = CliRun.run(all);
        assertEquals(0, run.exitCode(), run.stderr());
        return JSON.readTree(out.resolve("metrics.json").toFile());
    }

    @Test
    void gateAndLanesHoldOnTheDevValidationSplit() throws Exception {
        assumeData();
        Path split = CliRun.repoRoot().resolve("training/splits/dev_val.csv");
        JsonNode m = eval("eval", SHARED.toString(), "--split", split.toString(), "--policies", "gated");
        assertEquals(44, m.get("frames").asInt(), "dev_val.csv lists 44 frames");
        double gate = m.at("/gate/raw_accuracy").asDouble();
        assertTrue(gate >= GATE_FLOOR, "per-frame gate accuracy " + gate + " < " + GATE_FLOOR);
        double routed = m.at("/gate/accuracy").asDouble();
        assertTrue(routed >= GATE_FLOOR, "routed scene accuracy (stills, fresh policy per frame) " + routed + " < "
                + GATE_FLOOR);
        double lanes = m.at("/highway/lane/accuracy").asDouble();
        double hough = m.at("/baselines/hough_lanes/accuracy").asDouble();
        assertTrue(lanes >= LANE_FLOOR, "lane accuracy " + lanes + " < " + LANE_FLOOR);
        assertTrue(lanes > hough, "lane accuracy " + lanes + " not above Canny + Hough " + hough);
        // dev_val holds one image of visible people (2 pedestrians): the targets, on very thin evidence
        double recall = m.at("/urban/pedestrian/recall_iou50").asDouble();
        double hogRecall = m.at("/baselines/hog_pedestrian/recall_iou50").asDouble();
        assertTrue(recall >= hogRecall + HOG_RECALL_MARGIN, "pedestrian recall " + recall + " < HOG " + hogRecall
                + " + " + HOG_RECALL_MARGIN);
        double ap = m.at("/urban/pedestrian/ap50").asDouble();
        double hogAp = m.at("/baselines/hog_pedestrian/ap50").asDouble();
        assertTrue(ap > hogAp, "pedestrian AP50 " + ap + " not above HOG " + hogAp);
    }

    @Test
    void pedestriansHoldOnTheStreetSet() throws Exception {
        assumeData();
        JsonNode m = eval("eval", SHARED.resolve("pedestrians_street_dev").toString(), "--policies", "always_urban");
        JsonNode ped = m.at("/urban/pedestrian");
        assertEquals(37, ped.get("labelled").asInt(), "pedestrians_street_dev labels 37 visible pedestrians");
        double recall = ped.get("recall_iou50").asDouble();
        assertTrue(recall >= PEDESTRIAN_RECALL_FLOOR, "pedestrian recall " + recall + " < " + PEDESTRIAN_RECALL_FLOOR);
        double ap = ped.get("ap50").asDouble();
        assertTrue(ap >= PEDESTRIAN_AP_FLOOR, "pedestrian AP50 " + ap + " < " + PEDESTRIAN_AP_FLOOR);
        double hogRecall = m.at("/baselines/hog_pedestrian/recall_iou50").asDouble();
        double hogAp = m.at("/baselines/hog_pedestrian/ap50").asDouble();
        assertTrue(recall >= hogRecall + HOG_RECALL_MARGIN && ap > hogAp, "pedestrian recall / AP50 " + recall
                + " / " + ap + " not above HOG's " + hogRecall + " (+ " + HOG_RECALL_MARGIN + ") / " + hogAp);
    }
}
