package dev.triage.datasets.eval;

import dev.triage.perception.core.Detection;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scores results against the ground truth they carry: scene confusion by scene name over every name found (the
 * routing decision, and the gate network's own likeliest scene), detection recall/AP at IoU 0.5 on the classes a
 * {@link DetectionScope} allows (complete and weak labels apart), and TuSimple lane metrics on frames whose lanes are
 * labelled and whose scene is {@value #LANE_SCENE} (or unlabelled). Frames without truth are ignored. Used on the worker thread; read {@link #report()} after the run.
 *
 * <pre>{@code
 * EvaluationSink sink = new EvaluationSink();                       // boxes scored where objectsLabelled
 * EvaluationSink scoped = new EvaluationSink(dataset.scopes());     // per-frame class scopes of a labelled dataset
 * }</pre>
 */
public final class EvaluationSink implements ResultSink {
    /** The labelled scene on whose frames (and unlabelled ones) lanes are scored, as TuSimple scores highways. */
    public static final String LANE_SCENE = "highway";

    private final Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
    private final Set<String> scenes = new LinkedHashSet<>();
    private final DetectionEvaluator detections = DetectionEvaluator.iou50();
    private final DetectionEvaluator weakDetections = DetectionEvaluator.iou50();
    private final TuSimpleLaneEvaluator lanes = new TuSimpleLaneEvaluator();
    private final DetectionScope.Resolver scopes;
    private int sceneFrames;
    private int rawCorrect;
    private int detectionFrames;
    private int weakDetectionFrames;

    /** Scores boxes on frames whose truth is {@code objectsLabelled}, every class. */
    public EvaluationSink() {
        this(DetectionScope.Resolver.fromTruth());
    }

    /** Scores boxes where {@code scopes} says so. */
    public EvaluationSink(DetectionScope.Resolver scopes) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public void accept(PerceptionResult result) {
        if (result.truth().isEmpty()) {
            return;
        }
        GroundTruth truth = result.truth().get();
        truth.scene().ifPresent(s -> {
            sceneFrames++;
            scenes.addAll(result.context().raw().scenes());
            scenes.add(s);
            scenes.add(result.context().scene());
            confusion.computeIfAbsent(s, k -> new LinkedHashMap<>()).merge(result.context().scene(), 1L, Long::sum);
            if (result.context().raw().likeliest().equals(s)) {
                rawCorrect++;
            }
        });
        Optional<DetectionScope> scope = scopes.scopeOf(result);
        if (scope.isPresent()) {
            DetectionScope sc = scope.get();
            List<Detection> predicted = result.detections().stream().filter(d -> sc.covers(d.label())).toList();
            List<Detection> labelled = truth.objects().stream().filter(d -> sc.covers(d.label())).toList();
            if (sc.weak()) {
                weakDetectionFrames++;
                weakDetections.add(predicted, labelled, truth.ignore());
            } else {
                detectionFrames++;
                detections.add(predicted, labelled, truth.ignore());
            }
        }
        // Lanes are the highway expert's job: frames labelled with another scene (city streets with painted lines)
        // are not scored, as TuSimple scores highway frames only. Frames without a scene label are scored.
        if (truth.scene().map(LANE_SCENE::equals).orElse(true)) {
            truth.lanes().ifPresent(l -> lanes.add(result.lanes(), l, result.width()));
        }
    }

    /** What was measured so far. */
    public EvaluationReport report() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        long correct = 0;
        for (String t : scenes) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (String d : scenes) {
                row.put(d, confusion.getOrDefault(t, Map.of()).getOrDefault(d, 0L));
            }
            copy.put(t, row);
            correct += row.get(t);
        }
        LaneMetrics laneMetrics = lanes.metrics();
        return new EvaluationReport(sceneFrames,
                sceneFrames == 0 ? Optional.empty() : Optional.of(correct / (double) sceneFrames), copy,
                sceneFrames == 0 ? Optional.empty() : Optional.of(rawCorrect / (double) sceneFrames),
                detectionFrames, detections.metrics(), weakDetectionFrames, weakDetections.metrics(),
                laneMetrics.frames() == 0 ? Optional.empty() : Optional.of(laneMetrics));
    }
}
