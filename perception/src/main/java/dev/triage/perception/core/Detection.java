package dev.triage.perception.core;

import java.util.Objects;

/**
 * One detected object.
 *
 * @param label class name, see {@link ObjectClass} for the shipped ones
 * @param score confidence in [0, 1]
 * @param box   location in the input frame's pixels
 */
public record Detection(String label, double score, BoundingBox box) {

    public Detection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
        Bounds.closed("score", score, 0, 1);
    }
}
