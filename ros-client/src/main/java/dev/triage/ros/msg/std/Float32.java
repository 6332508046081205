package dev.triage.ros.msg.std;

/**
 * std_msgs/Float32, for example a CARLA speedometer in m/s.
 *
 * @param data the value
 */
public record Float32(float data) {
}
