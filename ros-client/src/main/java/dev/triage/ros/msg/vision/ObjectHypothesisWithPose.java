package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.geometry.PoseWithCovariance;

import java.util.Objects;

/**
 * vision_msgs/ObjectHypothesisWithPose (noetic layout: numeric class id).
 *
 * @param id    class id
 * @param score confidence in [0, 1]
 * @param pose  pose of the hypothesis (unknown for a 2D detector)
 */
public record ObjectHypothesisWithPose(long id, double score, PoseWithCovariance pose) {

    public ObjectHypothesisWithPose {
        Objects.requireNonNull(pose, "pose");
    }
}
