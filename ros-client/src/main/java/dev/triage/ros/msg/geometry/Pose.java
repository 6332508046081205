package dev.triage.ros.msg.geometry;

import java.util.Objects;

/**
 * geometry_msgs/Pose: position and orientation.
 *
 * @param position    position
 * @param orientation orientation
 */
public record Pose(Point position, Quaternion orientation) {

    /** The origin with the identity rotation. */
    public static final Pose IDENTITY = new Pose(new Point(0, 0, 0), Quaternion.IDENTITY);

    public Pose {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(orientation, "orientation");
    }
}
