package dev.triage.datasets.rosmsg;

/**
 * One vehicle-speed reading from a recording.
 *
 * @param stampNanos      the message's header stamp, or the time it was recorded where the type has no header
 *                        (std_msgs/Float32) or the stamp is 0
 * @param metersPerSecond the speed, m/s (for odometry the length of the linear twist)
 */
public record SpeedSample(long stampNanos, double metersPerSecond) {
}
