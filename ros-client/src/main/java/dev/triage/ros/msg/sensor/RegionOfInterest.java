package dev.triage.ros.msg.sensor;

/**
 * sensor_msgs/RegionOfInterest: a sub-window of an image.
 *
 * @param xOffset   leftmost column
 * @param yOffset   topmost row
 * @param height    rows
 * @param width     columns
 * @param doRectify whether a rectified ROI should be computed from this raw one
 */
public record RegionOfInterest(int xOffset, int yOffset, int height, int width, boolean doRectify) {

    /** The empty ROI, meaning the full image. */
    public static final RegionOfInterest FULL = new RegionOfInterest(0, 0, 0, 0, false);
}
