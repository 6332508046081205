package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.spi.ContextPolicy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Routes every frame with a fresh policy, as if it were the first frame of its own drive: no smoothing, hysteresis or
 * dwell carries over from the frame before. This is how independent still images (most labelled datasets) must be
 * evaluated; a recorded drive is replayed through one policy instead.
 *
 * <pre>{@code
 * ContextPolicy stills = new PerFramePolicy(() -> new GatePolicy(params));
 * }</pre>
 */
public final class PerFramePolicy implements ContextPolicy {

    private final Supplier<? extends ContextPolicy> freshPolicy;

    /** {@code freshPolicy} returns a new, unused policy on every call. */
    public PerFramePolicy(Supplier<? extends ContextPolicy> freshPolicy) {
        this.freshPolicy = Objects.requireNonNull(freshPolicy, "freshPolicy");
    }

    @Override
    public SceneContext route(PolicyInput input) {
        return freshPolicy.get().route(input);
    }
}
