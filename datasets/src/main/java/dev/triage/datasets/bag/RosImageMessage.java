package dev.triage.datasets.bag;

import dev.triage.perception.core.Image;

import java.util.Objects;

/**
 * The parts of a sensor_msgs/Image or sensor_msgs/CompressedImage that the pipeline uses.
 *
 * @param stampNanos header.stamp in nanoseconds (0 when the publisher left it unset)
 * @param frameId    header.frame_id
 * @param image      {@link Image.Raw} with encoding, step and data as published, or {@link Image.Encoded} with
 *                   the declared format
 */
public record RosImageMessage(long stampNanos, String frameId, Image image) {
    public RosImageMessage {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(image, "image");
    }
}
