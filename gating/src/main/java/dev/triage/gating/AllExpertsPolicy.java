package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy;

import java.util.Objects;

/**
 * A routing policy that runs every expert on every frame, regardless of the budget: the "no gate" upper bound on
 * accuracy and lower bound on speed, for evaluation. The decided scene is the gate's likeliest raw scene (so
 * scene accuracy still measures the gate), and the scenes' experts run most likely scene first. Stateless.
 *
 * <pre>{@code
 * ContextPolicy all = new AllExpertsPolicy();
 * }</pre>
 */
public final class AllExpertsPolicy implements ContextPolicy {

    @Override
    public SceneContext route(PolicyInput input) {
        SceneProbabilities raw = Objects.requireNonNull(input.raw(), "raw");
        return new SceneContext(raw.likeliest(), raw, raw, raw.ranked(), false, 0);
    }
}
