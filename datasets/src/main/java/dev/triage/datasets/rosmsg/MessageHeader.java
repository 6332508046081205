package dev.triage.datasets.rosmsg;

/**
 * A std_msgs/Header as both ROS versions carry it (ROS 1's {@code seq} is read and dropped).
 *
 * @param stampNanos the header stamp in nanoseconds (0 when the publisher left it unset)
 * @param frameId    the header's frame_id
 */
public record MessageHeader(long stampNanos, String frameId) {
}
