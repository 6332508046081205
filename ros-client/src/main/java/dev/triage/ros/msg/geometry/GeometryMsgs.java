package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageType;

/** The geometry_msgs types this client speaks. */
public final class GeometryMsgs {

    /** geometry_msgs/Point. */
    public static final MessageType<Point> POINT = MessageType.of("geometry_msgs/Point", Point.class);
    /** geometry_msgs/Vector3. */
    public static final MessageType<Vector3> VECTOR3 = MessageType.of("geometry_msgs/Vector3", Vector3.class);
    /** geometry_msgs/Quaternion. */
    public static final MessageType<Quaternion> QUATERNION =
            MessageType.of("geometry_msgs/Quaternion", Quaternion.class);
    /** geometry_msgs/Pose. */
    public static final MessageType<Pose> POSE = MessageType.of("geometry_msgs/Pose", Pose.class);
    /** geometry_msgs/Pose2D. */
    public static final MessageType<Pose2D> POSE_2D = MessageType.of("geometry_msgs/Pose2D", Pose2D.class);
    /** geometry_msgs/PoseWithCovariance. */
    public static final MessageType<PoseWithCovariance> POSE_WITH_COVARIANCE =
            MessageType.of("geometry_msgs/PoseWithCovariance", PoseWithCovariance.class);

    private GeometryMsgs() {
    }
}
