package dev.triage.perception.core;

import java.util.List;

/**
 * The gate's verdict for one frame after smoothing and hysteresis.
 *
 * @param scene         the context the policy settled on
 * @param probabilities smoothed probabilities the policy acted on
 * @param raw           the gate network's own output for this frame (equal to the last one when the gate was skipped)
 * @param chosen        contexts whose experts the policy chose to run, most likely first
 * @param uncertain     whether the smoothed belief lay inside the uncertainty band
 * @param switches      number of context switches since start
 */
public record SceneContext(Scene scene, SceneProbabilities probabilities, SceneProbabilities raw,
                           List<Scene> chosen, boolean uncertain, long switches) {

    public SceneContext {
        chosen = List.copyOf(chosen);
    }
}
