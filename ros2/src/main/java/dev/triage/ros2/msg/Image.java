package dev.triage.ros2.msg;

/** sensor_msgs/msg/Image. */
public record Image(Header header, int height, int width, String encoding, boolean bigEndian, int step, byte[] data) {
}
