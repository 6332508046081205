package dev.triage.ros2.msg;

import dev.triage.ros2.dds.TopicType;

/**
 * The ROS 2 message types of a simulator's ground truth (the CARLA loop): sensor_msgs/msg/CameraInfo,
 * tf2_msgs/msg/TFMessage and derived_object_msgs/msg/ObjectArray, laid out as {@link Ros2Types}' are.
 */
public final class Ros2SimTypes {

    private Ros2SimTypes() {
    }

    /** sensor_msgs/msg/CameraInfo. */
    public static final TopicType<CameraInfo> CAMERA_INFO =
            TopicType.of(CameraInfo.class, "sensor_msgs::msg::dds_::CameraInfo_");

    /** tf2_msgs/msg/TFMessage. */
    public static final TopicType<TfMessage> TF_MESSAGE =
            TopicType.of(TfMessage.class, "tf2_msgs::msg::dds_::TFMessage_");

    /** derived_object_msgs/msg/ObjectArray. */
    public static final TopicType<ObjectArray> OBJECT_ARRAY =
            TopicType.of(ObjectArray.class, "derived_object_msgs::msg::dds_::ObjectArray_");
}
