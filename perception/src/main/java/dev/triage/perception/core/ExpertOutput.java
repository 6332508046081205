package dev.triage.perception.core;

import java.util.List;

/**
 * What one expert found in a frame, in the frame's own pixel coordinates.
 *
 * @param detections objects, after non-maximum suppression
 * @param lanes      lane boundaries
 */
public record ExpertOutput(List<Detection> detections, List<Lane> lanes) {

    public ExpertOutput {
        detections = List.copyOf(detections);
        lanes = List.copyOf(lanes);
    }

    /** Nothing found. */
    public static ExpertOutput empty() {
        return new ExpertOutput(List.of(), List.of());
    }
}
