package dev.triage.experts.decode;

/**
 * Thresholds of a box decoder ({@link CenterNetDecoder}, {@link YoloDecoder}).
 *
 * @param scoreThreshold  minimum score of a candidate (heatmap peak or class score), in (0, 1]
 * @param topK            at most this many candidates (highest scores) go on to NMS, in [1, 1000]
 * @param nmsIouThreshold a box is suppressed when its IoU with a better box of the same class is above this, in [0, 1]
 */
public record DetectionParams(double scoreThreshold, int topK, double nmsIouThreshold) {

    public DetectionParams {
        if (!(scoreThreshold > 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1]: " + scoreThreshold);
        }
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK must be in [1, 1000]: " + topK);
        }
        if (!(nmsIouThreshold >= 0 && nmsIouThreshold <= 1)) {
            throw new IllegalArgumentException("nmsIouThreshold must be in [0, 1]: " + nmsIouThreshold);
        }
    }

    /** Score 0.3, top 100, NMS IoU 0.5. */
    public static DetectionParams defaults() {
        return new DetectionParams(0.3, 100, 0.5);
    }
}
