package dev.triage.ros.msg.geometry;

import java.util.Objects;

/**
 * geometry_msgs/PoseWithCovariance: a pose with its 6x6 covariance.
 *
 * @param pose       the pose
 * @param covariance row-major 6x6 covariance (36 values)
 */
public record PoseWithCovariance(Pose pose, double[] covariance) {

    public PoseWithCovariance {
        Objects.requireNonNull(pose, "pose");
        if (covariance.length != 36) {
            throw new IllegalArgumentException("covariance needs 36 values, got " + covariance.length);
        }
    }

    /** The identity pose with a zero covariance (unknown). */
    public static PoseWithCovariance unknown() {
        return new PoseWithCovariance(Pose.IDENTITY, new double[36]);
    }
}
