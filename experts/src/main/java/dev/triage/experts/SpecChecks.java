package dev.triage.experts;

import dev.triage.perception.image.InputSize;

import java.util.HashSet;
import java.util.List;

/** Validation shared by the expert spec records. */
final class SpecChecks {

    private SpecChecks() {
    }

    static void checkGrid(InputSize input, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1: " + stride);
        }
        if (input.width() % stride != 0 || input.height() % stride != 0) {
            throw new IllegalArgumentException("input " + input + " is not a multiple of stride " + stride);
        }
    }

    static void checkClasses(List<String> classes) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("at least one class is needed");
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("class names must be unique: " + classes);
        }
        for (String c : classes) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("class names must not be blank: " + classes);
            }
        }
    }
}
