package dev.triage.datasets.eval;

import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Scene;
import dev.triage.perception.spi.ResultSink;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores results against the ground truth they carry: scene confusion, detection recall/AP at IoU 0.5 on frames
 * whose objects are labelled, and TuSimple lane metrics on frames whose lanes are labelled. Frames without truth
 * are ignored. Used on the worker thread; read {@link #report()} after the run.
 */
public final class EvaluationSink implements ResultSink {
    private final Map<Scene, Map<Scene, Long>> confusion = new EnumMap<>(Scene.class);
    private final DetectionEvaluator detections = DetectionEvaluator.iou50();
    private final TuSimpleLaneEvaluator lanes = new TuSimpleLaneEvaluator();
    private int sceneFrames;
    private int detectionFrames;

    @Override
    public void accept(PerceptionResult result) {
        if (result.truth().isEmpty()) {
            return;
        }
        GroundTruth truth = result.truth().get();
        truth.scene().ifPresent(s -> {
            sceneFrames++;
            confusion.computeIfAbsent(s, k -> new EnumMap<>(Scene.class))
                    .merge(result.context().scene(), 1L, Long::sum);
        });
        if (truth.objectsLabelled()) {
            detectionFrames++;
            detections.add(result.detections(), truth.objects(), truth.ignore());
        }
        truth.lanes().ifPresent(l -> lanes.add(result.lanes(), l, result.width()));
    }

    /** What was measured so far. */
    public EvaluationReport report() {
        Map<Scene, Map<Scene, Long>> copy = new EnumMap<>(Scene.class);
        confusion.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        long correct = 0;
        for (Scene s : Scene.values()) {
            correct += confusion.getOrDefault(s, Map.of()).getOrDefault(s, 0L);
        }
        LaneMetrics laneMetrics = lanes.metrics();
        return new EvaluationReport(sceneFrames,
                sceneFrames == 0 ? Optional.empty() : Optional.of(correct / (double) sceneFrames), copy,
                detectionFrames, detections.metrics(),
                laneMetrics.frames() == 0 ? Optional.empty() : Optional.of(laneMetrics));
    }
}
