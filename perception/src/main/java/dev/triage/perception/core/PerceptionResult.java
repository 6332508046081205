package dev.triage.perception.core;

import java.util.List;
import java.util.Optional;

/**
 * Everything the pipeline concluded about one frame. Immutable and safe to hand to any number of sinks.
 *
 * @param seq          the frame's sequence number
 * @param stampNanos   the frame's capture stamp, unchanged
 * @param frameId      the frame's coordinate frame, unchanged
 * @param width        frame width in pixels
 * @param height       frame height in pixels
 * @param context      the gate's verdict
 * @param expertsRun   names of the experts that actually ran, in order
 * @param detections   merged detections of every expert that ran
 * @param lanes        merged lanes of every expert that ran
 * @param timings      time per stage
 * @param latencyNanos capture to result, on the monotonic clock
 * @param deadlineMet  whether the result was ready before the frame's deadline
 * @param truth        the frame's ground truth, passed through for evaluation sinks
 */
public record PerceptionResult(long seq, long stampNanos, String frameId, int width, int height,
                               SceneContext context, List<String> expertsRun, List<Detection> detections, List<Lane> lanes,
                               StageTimings timings, long latencyNanos, boolean deadlineMet,
                               Optional<GroundTruth> truth) {

    public PerceptionResult {
        expertsRun = List.copyOf(expertsRun);
        detections = List.copyOf(detections);
        lanes = List.copyOf(lanes);
    }
}
