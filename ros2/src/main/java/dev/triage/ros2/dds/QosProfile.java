package dev.triage.ros2.dds;

/**
 * The two ROS 2 QoS profiles Triage uses. {@link #SENSOR_DATA} (rclcpp's SensorDataQoS: best effort, keep last 5,
 * volatile) for camera input: a best-effort reader matches reliable and best-effort writers alike.
 * {@link #RELIABLE} (the rclcpp default: reliable, keep last 10, volatile) for outputs and {@code /diagnostics}.
 * {@link #STATIC} (tf2_ros's {@code /tf_static}: reliable, keep last 100, transient local) for latched data: a late
 * reader still gets what a transient-local writer sent before it joined; it matches only transient-local writers.
 */
public enum QosProfile {
    SENSOR_DATA(Ddsc.RELIABILITY_BEST_EFFORT, 5, Ddsc.DURABILITY_VOLATILE),
    RELIABLE(Ddsc.RELIABILITY_RELIABLE, 10, Ddsc.DURABILITY_VOLATILE),
    STATIC(Ddsc.RELIABILITY_RELIABLE, 100, Ddsc.DURABILITY_TRANSIENT_LOCAL);

    final int reliability;
    final int depth;
    final int durability;

    QosProfile(int reliability, int depth, int durability) {
        this.reliability = reliability;
        this.depth = depth;
        this.durability = durability;
    }
}
