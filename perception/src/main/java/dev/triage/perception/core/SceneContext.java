package dev.triage.perception.core;

import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict for one frame after smoothing and hysteresis. Scenes are the gate's class names.
 *
 * @param scene         the context the policy settled on
 * @param probabilities smoothed probabilities the policy acted on
 * @param raw           the gate network's own output for this frame (equal to the last one when the gate was skipped)
 * @param chosen        scenes whose experts the policy chose to run, most likely first; each expert runs once per
 *                      frame even when it serves several chosen scenes
 * @param uncertain     whether the smoothed belief lay inside the uncertainty band
 * @param switches      number of context switches since start
 */
public record SceneContext(String scene, SceneProbabilities probabilities, SceneProbabilities raw,
                           List<String> chosen, boolean uncertain, long switches) {

    public SceneContext {
        Objects.requireNonNull(scene, "scene");
        chosen = List.copyOf(chosen);
    }
}
