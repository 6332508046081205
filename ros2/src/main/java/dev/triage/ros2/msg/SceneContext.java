package dev.triage.ros2.msg;

import java.util.List;

/**
 * triage_msgs/msg/SceneContext (ROS 2 package {@code ros2-pkg/triage_msgs}): the gate's scene names with smoothed
 * and raw probabilities in the same order, the decided scene, the experts run and the timing of the frame.
 */
public record SceneContext(Header header, String scene, List<String> scenes, float[] probabilities,
                           float[] rawProbabilities, boolean uncertain, List<String> expertsRun, int switchCount,
                           float latencyMs, boolean deadlineMet) {
    public SceneContext {
        scenes = List.copyOf(scenes);
        expertsRun = List.copyOf(expertsRun);
    }
}
