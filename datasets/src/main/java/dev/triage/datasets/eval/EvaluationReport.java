package dev.triage.datasets.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accuracy of one run against ground truth.
 *
 * @param sceneFrames     frames with a labelled scene
 * @param sceneAccuracy   fraction whose decided context matched, when any were labelled
 * @param sceneConfusion  true scene → decided scene → count, by scene name: a square over every name found in the
 *                        labels or the decisions (the gate's class order first), zeros included
 * @param rawSceneAccuracy fraction whose gate network output (before the routing policy) named the true scene
 * @param detectionFrames frames whose boxes were scored as complete labels
 * @param detections      per-class detection metrics at IoU 0.5 on complete labels (only the classes in scope)
 * @param weakDetectionFrames frames whose boxes were scored as weak labels
 * @param weakDetections  per-class detection metrics at IoU 0.5 on weak labels (projected 3D boxes)
 * @param lanes           TuSimple lane metrics, when any frame had labelled lanes
 */
public record EvaluationReport(int sceneFrames, Optional<Double> sceneAccuracy,
                               Map<String, Map<String, Long>> sceneConfusion, Optional<Double> rawSceneAccuracy,
                               int detectionFrames, Map<String, ClassMetrics> detections,
                               int weakDetectionFrames, Map<String, ClassMetrics> weakDetections,
                               Optional<LaneMetrics> lanes) {

    public EvaluationReport {
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        sceneConfusion.forEach((truth, row) -> rows.put(truth, Collections.unmodifiableMap(new LinkedHashMap<>(row))));
        sceneConfusion = Collections.unmodifiableMap(rows);
        detections = Map.copyOf(detections);
        weakDetections = Map.copyOf(weakDetections);
    }

    /** The scene names of the confusion matrix, in row (and column) order. */
    public List<String> scenes() {
        return List.copyOf(sceneConfusion.keySet());
    }

    /** A report without raw gate accuracy or weak labels (the original layout, kept for existing callers). */
    public EvaluationReport(int sceneFrames, Optional<Double> sceneAccuracy, Map<String, Map<String, Long>> sceneConfusion,
                            int detectionFrames, Map<String, ClassMetrics> detections, Optional<LaneMetrics> lanes) {
        this(sceneFrames, sceneAccuracy, sceneConfusion, Optional.empty(), detectionFrames, detections, 0, Map.of(),
                lanes);
    }
}
