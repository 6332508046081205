package dev.triage.fleet.exec;

import java.io.Serializable;

/**
 * What rendering one {@link ClipPlan} gave.
 *
 * @param plan   the plan
 * @param frames video frames written (0 when it failed before the first)
 * @param error  why the clip is missing or short (naming the recording), or null
 */
public record ClipOutcome(ClipPlan plan, int frames, String error) implements Serializable {

    /** Whether the clip was written with every frame of its segment. */
    public boolean ok() {
        return error == null;
    }
}
