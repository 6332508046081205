package dev.triage.gating;

import dev.triage.perception.core.Scene;
import dev.triage.perception.image.InputSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TorchScriptGate} needs to know about its model, as read from the sidecar {@code models/gate.json}
 * ({@code input_width}, {@code input_height}, {@code classes}).
 *
 * @param inputSize input size, 128x96 in the contract
 * @param classes   the output order as scene wire names, a permutation of {@code [urban, highway]}
 */
public record GateSpec(InputSize inputSize, List<String> classes) {

    public GateSpec {
        Objects.requireNonNull(inputSize, "inputSize");
        classes = List.copyOf(classes);
        List<Scene> scenes = new ArrayList<>();
        for (String c : classes) {
            try {
                scenes.add(Scene.fromWireName(c));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gate class '" + c + "' is not a scene (urban, highway)", e);
            }
        }
        if (scenes.size() != 2 || scenes.get(0) == scenes.get(1)) {
            throw new IllegalArgumentException("gate classes must be urban and highway in some order: " + classes);
        }
    }

    /** The contract's gate: 128x96, {@code [urban, highway]}. */
    public static GateSpec contractDefaults() {
        return new GateSpec(new InputSize(128, 96), List.of("urban", "highway"));
    }

    /** Output index of the urban probability. */
    public int urbanIndex() {
        return Scene.fromWireName(classes.get(0)) == Scene.URBAN ? 0 : 1;
    }
}
