package dev.triage.perception.pipeline;

import dev.triage.perception.spi.Expert;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One configured expert as the worker routes to it: the name it is known by (stage {@code expert:<name>}, the
 * result's {@code expertsRun}, expert shares), the gate scenes it serves, and the loaded network. A scene may be
 * served by several slots and a slot may serve several scenes; the worker runs each slot at most once per frame.
 *
 * <pre>{@code
 * builder.addExpert(new ExpertSlot("night", List.of("night"), nightExpert));
 * }</pre>
 *
 * <p>A slot may also hold an <em>under-load</em> expert: the same network at a smaller input, which live delivery
 * runs instead when the full-size expert's recent cost no longer fits the time left before the frame's deadline
 * ({@link UnderLoadSizing}).
 *
 * @param name      the expert's name, not blank
 * @param scenes    the scenes it serves, distinct, at least one
 * @param expert    the network; the slot does not own it
 * @param underLoad the same network at a smaller input (fewer pixels than {@code expert}'s), or null for none; the
 *                  slot does not own it
 */
public record ExpertSlot(String name, List<String> scenes, Expert expert, Expert underLoad) {

    public ExpertSlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expert, "expert");
        scenes = List.copyOf(scenes);
        if (underLoad != null && underLoad.inputSize().pixels() >= expert.inputSize().pixels()) {
            throw new IllegalArgumentException("expert '" + name + "': the under-load input " + underLoad.inputSize()
                    + " must have fewer pixels than the input " + expert.inputSize());
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("expert name must not be blank");
        }
        if (scenes.isEmpty() || new HashSet<>(scenes).size() != scenes.size()) {
            throw new IllegalArgumentException("expert '" + name + "' needs distinct scenes, at least one: " + scenes);
        }
    }

    /** A slot without an under-load expert. */
    public ExpertSlot(String name, List<String> scenes, Expert expert) {
        this(name, scenes, expert, null);
    }
}
