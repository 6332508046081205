package dev.triage.ros.msg.geometry;

/**
 * geometry_msgs/Pose2D: a position and heading in a plane.
 *
 * @param x     x
 * @param y     y
 * @param theta heading in radians
 */
public record Pose2D(double x, double y, double theta) {
}
