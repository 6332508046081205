package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy;

import java.util.List;
import java.util.Objects;

/**
 * A routing policy that ignores the gate and always sends every frame to one scene's experts. A baseline for
 * evaluation ("what if we always ran the urban expert?"), never a production policy. The reported probabilities are
 * the gate's raw output, so the gate itself can still be scored; the decided scene is always the fixed one, which
 * must be one of the gate's scenes. Stateless.
 *
 * <pre>{@code
 * ContextPolicy alwaysUrban = FixedPolicy.always("urban");
 * }</pre>
 */
public final class FixedPolicy implements ContextPolicy {
    private final String scene;

    private FixedPolicy(String scene) {
        this.scene = Objects.requireNonNull(scene, "scene");
    }

    /** A policy that always routes to {@code scene}'s experts. */
    public static FixedPolicy always(String scene) {
        return new FixedPolicy(scene);
    }

    /** The scene this policy always picks. */
    public String scene() {
        return scene;
    }

    /** @throws IllegalArgumentException when the gate does not know the fixed scene */
    @Override
    public SceneContext route(PolicyInput input) {
        SceneProbabilities raw = Objects.requireNonNull(input.raw(), "raw");
        if (!raw.contains(scene)) {
            throw new IllegalArgumentException("fixed scene '" + scene + "' is not one of the gate's " + raw.scenes());
        }
        return new SceneContext(scene, raw, raw, List.of(scene), false, 0);
    }
}
