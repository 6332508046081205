package dev.triage.ros2.msg;

/**
 * sensor_msgs/msg/CameraInfo (ROS 2 field names: {@code d}, {@code k}, {@code r}, {@code p}): the calibration of a
 * camera's images with the same stamp and frame_id.
 *
 * @param d distortion parameters (any length; empty for an ideal pinhole)
 * @param k intrinsic matrix, 9 values row-major
 * @param r rectification rotation, 9 values
 * @param p projection matrix, 12 values
 */
public record CameraInfo(Header header, int height, int width, String distortionModel, double[] d, double[] k,
                         double[] r, double[] p, int binningX, int binningY, RegionOfInterest roi) {

    /** Copies the arrays and checks the fixed sizes of k (9), r (9) and p (12). */
    public CameraInfo {
        d = d.clone();
        k = fixed("k", k, 9);
        r = fixed("r", r, 9);
        p = fixed("p", p, 12);
    }

    private static double[] fixed(String name, double[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " values, got " + values.length);
        }
        return values.clone();
    }

    /** sensor_msgs/msg/RegionOfInterest. */
    public record RegionOfInterest(int xOffset, int yOffset, int height, int width, boolean doRectify) {
        /** The whole image (all zeros). */
        public static final RegionOfInterest FULL = new RegionOfInterest(0, 0, 0, 0, false);
    }
}
