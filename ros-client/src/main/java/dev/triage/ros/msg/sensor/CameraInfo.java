package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.std.Header;

import java.util.Objects;

/**
 * sensor_msgs/CameraInfo: calibration of a camera.
 *
 * @param header          stamp and optical frame
 * @param height          calibrated image rows
 * @param width           calibrated image columns
 * @param distortionModel e.g. "plumb_bob"
 * @param d               distortion parameters
 * @param k               3x3 intrinsic matrix, row-major (9 values)
 * @param r               3x3 rectification matrix (9 values)
 * @param p               3x4 projection matrix (12 values)
 * @param binningX        horizontal binning
 * @param binningY        vertical binning
 * @param roi             region of interest
 */
public record CameraInfo(Header header, int height, int width, String distortionModel, double[] d, double[] k,
                         double[] r, double[] p, int binningX, int binningY, RegionOfInterest roi) {

    public CameraInfo {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(distortionModel, "distortionModel");
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(roi, "roi");
        if (k.length != 9 || r.length != 9 || p.length != 12) {
            throw new IllegalArgumentException("K and R need 9 values and P 12");
        }
    }
}
