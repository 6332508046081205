package dev.triage.ros2.msg;

/**
 * std_msgs/msg/Float32: one number, here the vehicle speed in m/s on {@code ~speed} (carla-ros-bridge publishes its
 * speedometer this way).
 */
public record Float32(float data) {
}
