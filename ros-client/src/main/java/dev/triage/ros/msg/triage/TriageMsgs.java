package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.MessageType;

/**
 * The triage_msgs types. Their {@code .msg} text lives once, in the catkin package {@code ros-pkg/triage_msgs/msg};
 * the build copies it onto the classpath as {@code msg/triage_msgs/}.
 */
public final class TriageMsgs {

    /** triage_msgs/Lane. */
    public static final MessageType<Lane> LANE = MessageType.of("triage_msgs/Lane", Lane.class);
    /** triage_msgs/LaneArray. */
    public static final MessageType<LaneArray> LANE_ARRAY = MessageType.of("triage_msgs/LaneArray", LaneArray.class);
    /** triage_msgs/SceneContext. */
    public static final MessageType<SceneContext> SCENE_CONTEXT =
            MessageType.of("triage_msgs/SceneContext", SceneContext.class);

    private TriageMsgs() {
    }
}
