package dev.triage.ros.msg.std;

/**
 * std_msgs/ColorRGBA, components in [0, 1].
 *
 * @param r red
 * @param g green
 * @param b blue
 * @param a alpha (opacity)
 */
public record ColorRGBA(float r, float g, float b, float a) {
}
