package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * triage_msgs/SceneContext: the gate's verdict for one image.
 *
 * @param header           stamp and frame_id of the source image
 * @param scene            the decided context, one of {@code scenes}
 * @param scenes           the gate's scene names (as many as it has), parallel to the probability arrays
 * @param probabilities    smoothed probabilities the routing policy acted on
 * @param rawProbabilities the gate network's own output for this image
 * @param uncertain        whether the smoothed belief lay inside the uncertainty band
 * @param expertsRun       experts that ran, in order
 * @param switchCount      context switches since start, unsigned 32-bit
 * @param latencyMs        capture to result
 * @param deadlineMet      whether the result was ready within the budget
 */
public record SceneContext(Header header, String scene, List<String> scenes, float[] probabilities,
                           float[] rawProbabilities, boolean uncertain, List<String> expertsRun, int switchCount,
                           float latencyMs, boolean deadlineMet) {

    public SceneContext {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(scene, "scene");
        scenes = List.copyOf(scenes);
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(rawProbabilities, "rawProbabilities");
        expertsRun = List.copyOf(expertsRun);
    }
}
