package dev.triage.datasets.synthetic;

import dev.triage.perception.core.GroundTruth;
import java.util.Objects;

/**
 * One rendered synthetic frame with its labels.
 *
 * @param index  frame number in the drive or sample set
 * @param scene  the ground-truth scene
 * @param width  columns
 * @param height rows
 * @param bgr    packed BGR pixels, {@code 3 * width * height} bytes, row-major; never modified after construction
 * @param truth  boxes, ignore regions and lanes, {@code objectsLabelled = true}
 */
public record SyntheticFrame(int index, Scene scene, int width, int height, byte[] bgr, GroundTruth truth) {

    public SyntheticFrame {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(bgr, "bgr");
        Objects.requireNonNull(truth, "truth");
        if (bgr.length != 3 * width * height) {
            throw new IllegalArgumentException("bgr holds " + bgr.length + " bytes for " + width + "x" + height);
        }
    }
}
