package dev.triage.perception.core;

import java.util.List;
import java.util.Optional;

/**
 * What is really in a frame, when a source knows it (synthetic drives, labelled datasets, simulators).
 * Any part may be unknown.
 *
 * @param scene   the true driving context (a scene name such as {@code urban}), if labelled
 * @param objects labelled boxes (score 1), empty when none or unknown; see {@link #objectsLabelled}
 * @param ignore  regions where detections are neither rewarded nor penalised (KITTI DontCare)
 * @param lanes   lane boundaries in TuSimple rows, if labelled
 * @param objectsLabelled whether {@code objects} is a complete labelling of the frame
 */
public record GroundTruth(
        Optional<String> scene,
        List<Detection> objects,
        List<BoundingBox> ignore,
        Optional<LaneRows> lanes,
        boolean objectsLabelled) {

    public GroundTruth {
        objects = List.copyOf(objects);
        ignore = List.copyOf(ignore);
    }

    /** Ground truth that knows only the scene. */
    public static GroundTruth sceneOnly(String scene) {
        return new GroundTruth(Optional.of(scene), List.of(), List.of(), Optional.empty(), false);
    }
}
