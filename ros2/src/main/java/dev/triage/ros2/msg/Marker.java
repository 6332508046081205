package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

import java.util.List;

/**
 * visualization_msgs/msg/Marker, ROS 2 Humble layout (common_interfaces humble's Marker.msg). Triage sends
 * LINE_STRIPs; the fields it never uses (texture_resource, texture, uv_coordinates, mesh_file) go out empty.
 *
 * @param lifetimeSec     {@code lifetime.sec} (builtin_interfaces/Duration)
 * @param lifetimeNanosec {@code lifetime.nanosec}
 */
public record Marker(Header header, String ns, int id, int type, int action, Pose pose, Vector3 scale, Color color,
                     @DdsField("lifetime.sec") int lifetimeSec, @DdsField("lifetime.nanosec") int lifetimeNanosec, boolean frameLocked, List<LaneArray.Point> points,
                     List<Color> colors, String text, String meshResource, boolean meshUseEmbeddedMaterials) {
    /** {@code type} of a polyline through {@code points}. */
    public static final int LINE_STRIP = 4;
    /** {@code action}: add or modify. */
    public static final int ADD = 0;

    public Marker {
        points = List.copyOf(points);
        colors = List.copyOf(colors);
    }

    /** geometry_msgs/msg/Pose: position and orientation quaternion (x, y, z, w). */
    public record Pose(LaneArray.Point position, @DdsField("orientation.x") double qx,
                       @DdsField("orientation.y") double qy, @DdsField("orientation.z") double qz,
                       @DdsField("orientation.w") double qw) {
        /** The identity pose. */
        public static final Pose IDENTITY = new Pose(new LaneArray.Point(0, 0, 0), 0, 0, 0, 1);
    }

    /** geometry_msgs/msg/Vector3. */
    public record Vector3(double x, double y, double z) {
    }

    /** std_msgs/msg/ColorRGBA, each in [0, 1]. */
    public record Color(float r, float g, float b, float a) {
    }
}
