package dev.triage.experts.decode;

import dev.triage.perception.core.Bounds;

/**
 * Thresholds of a box decoder ({@link CenterNetDecoder}, {@link YoloDecoder}).
 *
 * @param scoreThreshold  minimum score of a candidate (heatmap peak or class score), in (0, 1]
 * @param maxDetections   at most this many detections come out of a frame, the best scores after NMS, in [1, 1000]
 * @param nmsIouThreshold a box is suppressed when its IoU with a better box of the same class is above this, in [0, 1]
 */
public record DetectionParams(double scoreThreshold, int maxDetections, double nmsIouThreshold) {

    /**
     * At most this many candidates (the best scores above the threshold) go on to NMS: a bound on its cost, far above
     * the candidates of a real frame (NanoDet at 512x320 has 100-300 per crowded street frame above 0.2; the
     * detector's own evaluation keeps up to 1000 before NMS too). The output cap is {@link #maxDetections()}, applied
     * after NMS, so that one crowd's overlapping candidates cannot crowd out the people beside it.
     */
    public static final int CANDIDATES_BEFORE_NMS = 1000;

    public DetectionParams {
        Bounds.openClosed("scoreThreshold", scoreThreshold, 0, 1);
        Bounds.closed("maxDetections", maxDetections, 1, 1000);
        Bounds.closed("nmsIouThreshold", nmsIouThreshold, 0, 1);
    }

    /** Score 0.3, at most 100 detections, NMS IoU 0.5. */
    public static DetectionParams defaults() {
        return new DetectionParams(0.3, 100, 0.5);
    }
}
