package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageType;

/** The carla-ros-bridge message types the sim bridge speaks beyond those of the ros-client module. */
public final class SimBridgeMsgs {

    /** tf2_msgs/TFMessage ({@code /tf}, {@code /tf_static}). */
    public static final MessageType<TfMessage> TF_MESSAGE =
            MessageType.of("tf2_msgs/TFMessage", TfMessage.class);
    /** derived_object_msgs/ObjectArray ({@code /carla/<role>/objects}). */
    public static final MessageType<ObjectArray> OBJECT_ARRAY =
            MessageType.of("derived_object_msgs/ObjectArray", ObjectArray.class);

    private SimBridgeMsgs() {
    }
}
