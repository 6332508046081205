package dev.triage.ros2.msg;

import dev.triage.ros2.dds.TopicType;

/**
 * The ROS 2 message types Triage exchanges over DDS: each a record of this package and its DDS type name, whose C
 * layout (x86_64/aarch64, as idlc 0.10.2 lays out {@code dds/ros2_types.idl}) {@code TopicType} derives; the
 * offsets are checked against the C compiler by {@code CLayoutTest} and the peer tests.
 */
public final class Ros2Types {

    private Ros2Types() {
    }

    /** Largest image accepted: 64 MiB of pixels. */
    public static final int MAX_IMAGE_BYTES = 64 << 20;

    /** sensor_msgs/msg/Image. */
    public static final TopicType<Image> IMAGE = TopicType.of(Image.class, "sensor_msgs::msg::dds_::Image_");

    /** sensor_msgs/msg/CompressedImage. */
    public static final TopicType<CompressedImage> COMPRESSED_IMAGE =
            TopicType.of(CompressedImage.class, "sensor_msgs::msg::dds_::CompressedImage_");

    /** rosgraph_msgs/msg/Clock. */
    public static final TopicType<Clock> CLOCK = TopicType.of(Clock.class, "rosgraph_msgs::msg::dds_::Clock_");

    /** std_msgs/msg/Float32. */
    public static final TopicType<Float32> FLOAT32 = TopicType.of(Float32.class, "std_msgs::msg::dds_::Float32_");

    /** triage_msgs/msg/SceneContext. */
    public static final TopicType<SceneContext> SCENE_CONTEXT =
            TopicType.of(SceneContext.class, "triage_msgs::msg::dds_::SceneContext_");

    /** triage_msgs/msg/LaneArray. */
    public static final TopicType<LaneArray> LANE_ARRAY =
            TopicType.of(LaneArray.class, "triage_msgs::msg::dds_::LaneArray_");

    /** vision_msgs/msg/Detection2DArray (ROS 2 layout). */
    public static final TopicType<Detection2DArray> DETECTION_2D_ARRAY =
            TopicType.of(Detection2DArray.class, "vision_msgs::msg::dds_::Detection2DArray_");

    /** diagnostic_msgs/msg/DiagnosticArray. */
    public static final TopicType<DiagnosticArray> DIAGNOSTIC_ARRAY =
            TopicType.of(DiagnosticArray.class, "diagnostic_msgs::msg::dds_::DiagnosticArray_");

    /** visualization_msgs/msg/MarkerArray (ROS 2 Humble layout). */
    public static final TopicType<MarkerArray> MARKER_ARRAY =
            TopicType.of(MarkerArray.class, "visualization_msgs::msg::dds_::MarkerArray_");
}
