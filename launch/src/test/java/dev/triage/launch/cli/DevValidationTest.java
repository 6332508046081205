package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped models with the default configuration on the real development frames of {@code ../shared/data},
 * through {@code triage eval}, per source, must not fall below the floors below (README "Evaluation on real frames"):
 * <ul>
 *   <li>pedestrians on {@code pedestrians_street_dev} (visible people), always routed to the urban expert: recall and
 *       AP50 at IoU 0.5, and the margin over OpenCV's HOG. The pretrained COCO detector has never been trained or
 *       tuned on these frames, so this is a held-out figure;</li>
 *   <li>the gate network's own decision on every frame of every source, and TuSimple lane accuracy, gated, on the lane
 *       frames, above Canny + Hough. The gate trains on these frames (its held-out estimate is the
 *       leave-one-source-out and grouped k-fold cross-validation in {@code models/gate.md}, which no test asserts
 *       and which chose the model), so these floors guard against regressions only.</li>
 * </ul>
 * Floors sit a little under the measured values; no model or threshold was chosen on them. (The decoder fix of
 * 2026-12-06, which applies the detection cap after NMS instead of before it, was found by studying this set's
 * misses; it is a bug fix to the detector's upstream semantics, with no value tuned here.) Skips with the reason
 * when {@code ../shared/data} is absent.
 */
class DevValidationTest {
    static final Path SHARED = Path.of(System.getProperty("triage.shared.data", "../../shared/data"))
            .toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per-frame gate accuracy on each source (regression guard; every source measured 1.000). */
    static final double GATE_FLOOR = 0.97;
    /**
     * TuSimple lane accuracy, gated, on the 6 lane-labelled frames (highway v4 measured 0.974 with lanes continued at
     * both ends, 0.937 without).
     */
    static final double LANE_FLOOR = 0.90;
    /** Pedestrian recall at IoU 0.5 on pedestrians_street_dev (int8 detector, 640x384: 0.919, 34 of 37; HOG 0.486). */
    static final double PEDESTRIAN_RECALL_FLOOR = 0.86;
    /** Pedestrian AP50 on pedestrians_street_dev (int8 detector, 640x384: 0.854; HOG 0.435). */
    static final double PEDESTRIAN_AP_FLOOR = 0.80;
    /** The margin over OpenCV's HOG in recall at IoU 0.5 (issue 6). */
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
    void everySourceKeepsItsGateAccuracyAndLanesHold() throws Exception {
        assumeData();
        JsonNode m = eval("eval", SHARED.toString(), "--policies", "gated");
        JsonNode bySource = m.at("/policies/gated/by_source");
        assertEquals(6, bySource.size(), "six sources in ../shared/data: " + bySource.fieldNames());
        List<String> below = new ArrayList<>();
        bySource.fields().forEachRemaining(e -> {
            double raw = e.getValue().at("/gate/raw_accuracy").asDouble();
            if (raw < GATE_FLOOR) {
                below.add(e.getKey() + " " + raw);
            }
        });
        assertTrue(below.isEmpty(), "per-frame gate accuracy under " + GATE_FLOOR + ": " + below);
        double lanes = bySource.at("/tusimple_highway_lanes_dev/highway/lane/accuracy").asDouble();
        double hough = m.at("/baselines/hough_lanes/accuracy").asDouble();
        assertTrue(lanes >= LANE_FLOOR, "lane accuracy, gated, on tusimple_highway_lanes_dev " + lanes + " < "
                + LANE_FLOOR);
        assertTrue(lanes > hough, "lane accuracy " + lanes + " not above Canny + Hough " + hough);
    }

    @Test
    void pedestriansHoldOnRealStreetPhotos() throws Exception {
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
