package dev.triage.gating;

import dev.triage.perception.core.Scene;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy;

import java.util.List;
import java.util.Objects;

/**
 * A routing policy that ignores the gate and always sends every frame to one expert. A baseline for evaluation
 * ("what if we always ran the urban expert?"), never a production policy. The reported probabilities are the gate's
 * raw output, so the gate itself can still be scored; the decided scene is always the fixed one. Stateless.
 *
 * <pre>{@code
 * ContextPolicy alwaysUrban = FixedPolicy.always(Scene.URBAN);
 * }</pre>
 */
public final class FixedPolicy implements ContextPolicy {
    private final Scene scene;

    private FixedPolicy(Scene scene) {
        this.scene = Objects.requireNonNull(scene, "scene");
    }

    /** A policy that always routes to {@code scene}'s expert. */
    public static FixedPolicy always(Scene scene) {
        return new FixedPolicy(scene);
    }

    /** The scene this policy always picks. */
    public Scene scene() {
        return scene;
    }

    @Override
    public SceneContext route(PolicyInput input) {
        SceneProbabilities raw = Objects.requireNonNull(input.raw(), "raw");
        return new SceneContext(scene, raw, raw, List.of(scene), false, 0);
    }
}
