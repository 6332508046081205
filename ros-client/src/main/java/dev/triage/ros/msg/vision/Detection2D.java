package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * vision_msgs/Detection2D (noetic layout): one located detection.
 *
 * @param header    stamp and frame of the source image
 * @param results   class hypotheses
 * @param bbox      the box
 * @param sourceImg the crop that produced the detection; usually an empty image
 */
public record Detection2D(Header header, List<ObjectHypothesisWithPose> results, BoundingBox2D bbox, Image sourceImg) {

    public Detection2D {
        Objects.requireNonNull(header, "header");
        results = List.copyOf(results);
        Objects.requireNonNull(bbox, "bbox");
        Objects.requireNonNull(sourceImg, "sourceImg");
    }
}
