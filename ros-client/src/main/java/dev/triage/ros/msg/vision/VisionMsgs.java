package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.MessageType;

/** The vision_msgs types this client speaks, in the ROS 1 (noetic) layout. */
public final class VisionMsgs {

    /** vision_msgs/BoundingBox2D. */
    public static final MessageType<BoundingBox2D> BOUNDING_BOX_2D =
            MessageType.of("vision_msgs/BoundingBox2D", BoundingBox2D.class);
    /** vision_msgs/ObjectHypothesisWithPose. */
    public static final MessageType<ObjectHypothesisWithPose> OBJECT_HYPOTHESIS_WITH_POSE =
            MessageType.of("vision_msgs/ObjectHypothesisWithPose", ObjectHypothesisWithPose.class);
    /** vision_msgs/Detection2D. */
    public static final MessageType<Detection2D> DETECTION_2D =
            MessageType.of("vision_msgs/Detection2D", Detection2D.class);
    /** vision_msgs/Detection2DArray. */
    public static final MessageType<Detection2DArray> DETECTION_2D_ARRAY =
            MessageType.of("vision_msgs/Detection2DArray", Detection2DArray.class);

    private VisionMsgs() {
    }
}
