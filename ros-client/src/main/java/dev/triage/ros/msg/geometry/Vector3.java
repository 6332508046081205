package dev.triage.ros.msg.geometry;

/**
 * geometry_msgs/Vector3: a vector in free space.
 *
 * @param x x
 * @param y y
 * @param z z
 */
public record Vector3(double x, double y, double z) {
}
