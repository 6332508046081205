package dev.triage.ros.msg.geometry;

/**
 * geometry_msgs/Quaternion: an orientation.
 *
 * @param x x
 * @param y y
 * @param z z
 * @param w w
 */
public record Quaternion(double x, double y, double z, double w) {

    /** The identity rotation. */
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);
}
