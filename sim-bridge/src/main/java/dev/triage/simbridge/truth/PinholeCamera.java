package dev.triage.simbridge.truth;

import dev.triage.ros.msg.sensor.CameraInfo;

import java.util.Optional;

/**
 * A distortion-free pinhole camera from sensor_msgs/CameraInfo's K ({@code fx, fy, cx, cy}) and the axis convention
 * of its tf frame: carla-ros-bridge publishes the camera frame in ROS body convention (x forward, y left, z up);
 * a frame whose name ends in {@code optical} or {@code optical_frame} is taken as an optical frame (x right,
 * y down, z forward). The convention is an assumption about the bridge (see the sim-bridge README).
 *
 * @param width   image width in pixels
 * @param height  image height in pixels
 * @param fx      focal length x in pixels
 * @param fy      focal length y in pixels
 * @param cx      principal point x
 * @param cy      principal point y
 * @param optical whether the camera's frame is an optical frame
 */
public record PinholeCamera(int width, int height, double fx, double fy, double cx, double cy, boolean optical) {

    /** Points closer than this in front of the camera are not projected. */
    public static final double MIN_DEPTH_M = 0.1;

    public PinholeCamera {
        if (width <= 0 || height <= 0 || !(fx > 0) || !(fy > 0)) {
            throw new IllegalArgumentException("bad camera: " + width + "x" + height + " fx " + fx + " fy " + fy);
        }
    }

    /** The camera of {@code info}, for images in frame {@code frameId}. */
    public static PinholeCamera of(CameraInfo info, String frameId) {
        double[] k = info.k();
        return new PinholeCamera(info.width(), info.height(), k[0], k[4], k[2], k[5], isOptical(frameId));
    }

    /** CARLA's camera intrinsics: {@code fx = fy = width / (2 tan(fov / 2))}, principal point at the centre. */
    public static PinholeCamera carla(int width, int height, double fovDeg) {
        double f = width / (2 * Math.tan(Math.toRadians(fovDeg) / 2));
        return new PinholeCamera(width, height, f, f, width / 2.0, height / 2.0, false);
    }

    static boolean isOptical(String frameId) {
        return frameId.endsWith("optical") || frameId.endsWith("optical_frame");
    }

    /** Depth along the viewing axis of a point in the camera frame. */
    public double depth(double[] p) {
        return optical ? p[2] : p[0];
    }

    /** Pixel {u, v} of a camera-frame point, or empty when it is not in front of the camera. */
    public Optional<double[]> project(double[] p) {
        double d = depth(p);
        if (!(d > MIN_DEPTH_M)) {
            return Optional.empty();
        }
        double right = optical ? p[0] : -p[1];
        double down = optical ? p[1] : -p[2];
        return Optional.of(new double[] {cx + fx * right / d, cy + fy * down / d});
    }

    /** The camera-frame point at depth {@code d} that projects to pixel {@code (u, v)}. */
    public double[] unproject(double u, double v, double d) {
        return point((u - cx) * d / fx, (v - cy) * d / fy, d);
    }

    /** The camera-frame point {@code right} and {@code down} of the optical axis at depth {@code d}. */
    public double[] point(double right, double down, double d) {
        return optical ? new double[] {right, down, d} : new double[] {d, -right, -down};
    }
}
