package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

import java.util.List;

/**
 * vision_msgs/msg/Detection2D, ROS 2 layout (vision_msgs 4.x, Humble and later): {@code header},
 * {@code results[]} (ObjectHypothesisWithPose: {@code hypothesis{class_id: string, score}}, {@code pose} a
 * PoseWithCovariance, written as identity pose with zero covariance), {@code bbox} (BoundingBox2D:
 * {@code center = Pose2D{position{x, y}, theta}}, {@code size_x}, {@code size_y}) and the string {@code id}.
 */
public record Detection2D(Header header, List<Hypothesis> results, @DdsField("bbox.center.position.x") double centerX,
                          @DdsField("bbox.center.position.y") double centerY,
                          @DdsField("bbox.center.theta") double theta, @DdsField("bbox.size_x") double sizeX,
                          @DdsField("bbox.size_y") double sizeY, String id) {

    public Detection2D {
        results = List.copyOf(results);
    }

    /** vision_msgs/msg/ObjectHypothesis. */
    public record Hypothesis(@DdsField("hypothesis.class_id") String classId,
                             @DdsField("hypothesis.score") double score) {
    }
}
