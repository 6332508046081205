package dev.triage.datasets.labels;

import dev.triage.perception.core.BoundingBox;

import java.util.Optional;

/**
 * One labelled box as read from a file, before the set's policy (complete, weak, ignore) is applied.
 *
 * @param rawClass   the class name as written
 * @param box        the 2D box in image pixels
 * @param truncated  KITTI truncation in [0, 1] (0 when the format has none)
 * @param occluded   KITTI occlusion level 0..3 (0 when the format has none)
 * @param line       1-based line in the file
 */
public record RawBox(String rawClass, BoundingBox box, double truncated, int occluded, int line) {

    /** The shipped class, or empty for an ignore region; see {@link BoxClasses}. */
    public Optional<String> shippedClass() {
        return BoxClasses.map(rawClass);
    }
}
