package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

import java.util.List;

/** tf2_msgs/msg/TFMessage: the transforms of {@code /tf} and {@code /tf_static}. */
public record TfMessage(List<TransformStamped> transforms) {

    public TfMessage {
        transforms = List.copyOf(transforms);
    }

    /**
     * geometry_msgs/msg/TransformStamped: the pose of {@code childFrameId} in {@code header.frameId}.
     *
     * @param translation geometry_msgs/Vector3, metres
     * @param rotation    geometry_msgs/Quaternion
     */
    public record TransformStamped(Header header, String childFrameId,
                                   @DdsField("transform.translation") Marker.Vector3 translation,
                                   @DdsField("transform.rotation") Quaternion rotation) {
    }

    /** geometry_msgs/msg/Quaternion. */
    public record Quaternion(double x, double y, double z, double w) {
    }
}
