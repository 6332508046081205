package dev.triage.perception.spi;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;

/**
 * Turns the gate's raw per-frame output into a stable routing decision (smoothing, hysteresis, dwell,
 * uncertainty) over the gate's scenes. Called once per frame on the worker thread; holds the state of one camera.
 * Every scene it returns (decided or chosen) must be one of {@code raw.scenes()}.
 *
 * <pre>{@code
 * SceneContext ctx = policy.route(new PolicyInput(raw, gateRan, remainingNanos, costs));
 * }</pre>
 */
public interface ContextPolicy {

    /** Decides the context and which experts run on this frame. */
    SceneContext route(PolicyInput input);

    /** Expected running cost of each expert, from measured timings. */
    @FunctionalInterface
    interface CostEstimate {
        /** Expected nanoseconds for the experts serving {@code scene}; 0 if not yet measured. */
        long expectedNanos(String scene);
    }

    /**
     * What the policy knows about one frame.
     *
     * @param raw            the gate's latest output
     * @param gateRan        whether the gate ran on this very frame (false when it runs every N frames)
     * @param remainingNanos time left before the frame's deadline, after the gate
     * @param costs          measured expert costs
     * @param speedMps       vehicle speed, if a speed signal is wired in; a prior, never decisive alone
     */
    record PolicyInput(SceneProbabilities raw, boolean gateRan, long remainingNanos, CostEstimate costs,
                       java.util.OptionalDouble speedMps) {
    }
}
