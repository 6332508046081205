package dev.triage.fleet.exec;

import dev.triage.gating.AllExpertsPolicy;
import dev.triage.gating.FixedPolicy;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.spi.ContextPolicy;

import java.util.List;

/**
 * The routing policies a fleet variant can use: {@code gated} (the configured gate policy), {@code always_<scene>}
 * (every frame to one scene's experts) and {@code both} (every expert on every frame).
 */
public final class PolicyChoice {
    /** Prefix of the fixed-scene policies. */
    public static final String ALWAYS = "always_";

    private PolicyChoice() {
    }

    /**
     * Checks {@code name} against the gate's scenes.
     *
     * @return an error message, or null when the name is valid
     */
    public static String check(String name, List<String> scenes) {
        if (name.equals("gated") || name.equals("both")) {
            return null;
        }
        if (name.startsWith(ALWAYS) && scenes.contains(name.substring(ALWAYS.length()))) {
            return null;
        }
        return "unknown policy '" + name + "'; allowed: gated, both, " + scenes.stream().map(s -> ALWAYS + s).toList();
    }

    /** A fresh policy (a policy holds one drive's state). */
    public static ContextPolicy fresh(String name, TriageConfig config) {
        if (name.startsWith(ALWAYS)) {
            return FixedPolicy.always(name.substring(ALWAYS.length()));
        }
        return name.equals("both") ? new AllExpertsPolicy() : StackFactory.gatePolicy(config);
    }
}
