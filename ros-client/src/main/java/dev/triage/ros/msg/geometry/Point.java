package dev.triage.ros.msg.geometry;

/**
 * geometry_msgs/Point: a position in free space (in an image context, pixels).
 *
 * @param x x
 * @param y y
 * @param z z
 */
public record Point(double x, double y, double z) {
}
