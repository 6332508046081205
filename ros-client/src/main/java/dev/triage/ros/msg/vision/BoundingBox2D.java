package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.geometry.Pose2D;

import java.util.Objects;

/**
 * vision_msgs/BoundingBox2D (noetic layout): a box by its centre and size, in pixels.
 *
 * @param center centre (x, y) and rotation theta
 * @param sizeX  width
 * @param sizeY  height
 */
public record BoundingBox2D(Pose2D center, double sizeX, double sizeY) {

    public BoundingBox2D {
        Objects.requireNonNull(center, "center");
    }
}
