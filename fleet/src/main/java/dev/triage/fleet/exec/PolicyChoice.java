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

    /** What is left of the state before a warm-up: the smoothing's weight on it, at most. */
    static final double WARM_UP_RESIDUE = 1e-3;

    /**
     * Frames a fresh policy must see before a chunk's first frame to decide like a policy that saw the whole
     * recording: for {@code gated}, the gate runs that shrink the smoothed average's memory of the start below
     * {@value #WARM_UP_RESIDUE} ({@code ceil(ln(residue) / ln(1 - smoothing))}, 20 for the default 0.3) times
     * {@code gate_every_n_frames}, plus {@code min_dwell_frames} so that a switch in that time has served its dwell;
     * 0 for the stateless fixed and all-experts policies.
     */
    public static long warmUpFrames(String name, TriageConfig config) {
        if (!name.equals("gated")) {
            return 0;
        }
        double alpha = config.gate().smoothing();
        long gateRuns = alpha >= 1 ? 1 : (long) Math.ceil(Math.log(WARM_UP_RESIDUE) / Math.log(1 - alpha));
        return gateRuns * config.gateEveryNFrames() + config.gate().minDwellFrames();
    }

    /**
     * Where a replay of a range starting at {@code firstFrame} begins so that the policy has seen {@code warmUp}
     * frames before it: {@code firstFrame - warmUp}, moved back to a multiple of {@code gateEvery} (the gate runs on
     * the same frames as in an unsplit replay) and never before the recording's first frame.
     */
    public static long warmUpStart(long firstFrame, long warmUp, int gateEvery) {
        long start = Math.max(0, firstFrame - warmUp);
        return start - start % Math.max(1, gateEvery);
    }

    /** A fresh policy (a policy holds one drive's state). */
    public static ContextPolicy fresh(String name, TriageConfig config) {
        if (name.startsWith(ALWAYS)) {
            return FixedPolicy.always(name.substring(ALWAYS.length()));
        }
        return name.equals("both") ? new AllExpertsPolicy() : StackFactory.gatePolicy(config);
    }
}
