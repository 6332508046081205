package dev.triage.ros2.msg;

import java.util.List;

/** triage_msgs/msg/LaneArray: lane boundaries of one image, polylines in pixels of an image this size. */
public record LaneArray(Header header, int imageWidth, int imageHeight, List<Lane> lanes) {
    public LaneArray {
        lanes = List.copyOf(lanes);
    }

    /** triage_msgs/msg/Lane: slot (0 second left .. 3 second right), type, confidence, points (x, y, z), per-point confidence. */
    public record Lane(byte slot, byte type, float confidence, List<Point> points, float[] pointConfidence) {
        public Lane {
            points = List.copyOf(points);
        }
    }

    /** geometry_msgs/msg/Point. */
    public record Point(double x, double y, double z) {
    }
}
