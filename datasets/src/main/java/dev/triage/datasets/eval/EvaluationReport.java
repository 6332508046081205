package dev.triage.datasets.eval;

import dev.triage.perception.core.Scene;

import java.util.Map;
import java.util.Optional;

/**
 * Accuracy of one run against ground truth.
 *
 * @param sceneFrames     frames with a labelled scene
 * @param sceneAccuracy   fraction whose decided context matched, when any were labelled
 * @param sceneConfusion  truth → decided → count
 * @param detectionFrames frames whose objects are fully labelled
 * @param detections      per-class detection metrics at IoU 0.5
 * @param lanes           TuSimple lane metrics, when any frame had labelled lanes
 */
public record EvaluationReport(int sceneFrames, Optional<Double> sceneAccuracy,
                               Map<Scene, Map<Scene, Long>> sceneConfusion, int detectionFrames,
                               Map<String, ClassMetrics> detections, Optional<LaneMetrics> lanes) {

    public EvaluationReport {
        sceneConfusion = Map.copyOf(sceneConfusion);
        detections = Map.copyOf(detections);
    }
}
