package dev.triage.ros2.dds;

/**
 * The two ROS 2 QoS profiles Triage uses. {@link #SENSOR_DATA} (rclcpp's SensorDataQoS: best effort, keep last 5,
 * volatile) for camera input: a best-effort reader matches reliable and best-effort writers alike.
 * {@link #RELIABLE} (the rclcpp default: reliable, keep last 10, volatile) for outputs and {@code /diagnostics}.
 */
public enum QosProfile {
    SENSOR_DATA(Ddsc.RELIABILITY_BEST_EFFORT, 5),
    RELIABLE(Ddsc.RELIABILITY_RELIABLE, 10);

    final int reliability;
    final int depth;

    QosProfile(int reliability, int depth) {
        this.reliability = reliability;
        this.depth = depth;
    }
}
