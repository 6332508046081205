package dev.triage.gating;

import dev.triage.perception.image.InputSize;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@link TorchScriptGate} needs to know about its model, as read from the sidecar {@code models/gate.json}
 * ({@code input_width}, {@code input_height}, {@code classes}). The classes are the scene names the whole pipeline
 * routes by: each must be served by at least one configured expert.
 *
 * @param inputSize input size, 128x96 in the contract
 * @param classes   the output order as scene names: at least two, distinct, each matching {@value #NAME_PATTERN}
 *                  (for example {@code [urban, highway]} or {@code [urban, highway, night]})
 */
public record GateSpec(InputSize inputSize, List<String> classes) {

    /** What a scene name looks like: lower case, starting with a letter, at most 32 characters. */
    public static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,31}$";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public GateSpec {
        Objects.requireNonNull(inputSize, "inputSize");
        classes = List.copyOf(classes);
        for (String c : classes) {
            if (!NAME.matcher(c).matches()) {
                throw new IllegalArgumentException("gate class '" + c + "' is not a scene name (" + NAME_PATTERN + ")");
            }
        }
        if (classes.size() < 2 || new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("gate classes must be at least two distinct scene names: " + classes);
        }
    }

    /** The contract's gate: 128x96, {@code [urban, highway]}. */
    public static GateSpec contractDefaults() {
        return new GateSpec(new InputSize(128, 96), List.of("urban", "highway"));
    }
}
