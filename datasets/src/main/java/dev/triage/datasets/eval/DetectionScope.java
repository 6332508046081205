package dev.triage.datasets.eval;

import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;

import java.util.Optional;
import java.util.Set;

/**
 * Which classes of one frame's labelled boxes may be scored, and how far the boxes can be trusted. A frame whose
 * labels cover only pedestrians and cyclists (a hand-labelled pedestrian set) must not count vehicle detections as
 * false positives; a frame with projected 3D boxes (nuScenes, Argoverse) gives only weak evidence.
 *
 * @param classes the scored classes; empty means every class
 * @param weak    whether the boxes are weak labels (loose, incomplete or not visibility-filtered): reported apart
 */
public record DetectionScope(Optional<Set<String>> classes, boolean weak) {

    public DetectionScope {
        classes = classes.map(Set::copyOf);
    }

    /** Every class, complete labels. */
    public static DetectionScope allClasses() {
        return new DetectionScope(Optional.empty(), false);
    }

    /** Only {@code classes}. */
    public static DetectionScope of(Set<String> classes, boolean weak) {
        return new DetectionScope(Optional.of(classes), weak);
    }

    /** Whether detections and labels of {@code label} are scored. */
    public boolean covers(String label) {
        return classes.map(c -> c.contains(label)).orElse(true);
    }

    /**
     * How an evaluation finds a frame's scope.
     *
     * <pre>{@code
     * EvaluationSink sink = new EvaluationSink(dataset.scopes());   // or new EvaluationSink() for GroundTruth-only
     * }</pre>
     */
    @FunctionalInterface
    public interface Resolver {
        /** The scope of {@code result}'s frame, or empty when its boxes are not scored at all. */
        Optional<DetectionScope> scopeOf(PerceptionResult result);

        /** The default: every class on frames whose truth says {@code objectsLabelled}, nothing otherwise. */
        static Resolver fromTruth() {
            return r -> r.truth().filter(GroundTruth::objectsLabelled).map(t -> allClasses());
        }
    }
}
