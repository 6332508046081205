package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * vision_msgs/Detection2DArray (noetic layout): every detection of one image.
 *
 * @param header     stamp and frame of the source image
 * @param detections the detections
 */
public record Detection2DArray(Header header, List<Detection2D> detections) {

    public Detection2DArray {
        Objects.requireNonNull(header, "header");
        detections = List.copyOf(detections);
    }
}
