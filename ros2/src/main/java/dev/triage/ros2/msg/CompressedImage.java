package dev.triage.ros2.msg;

/** sensor_msgs/msg/CompressedImage ({@code format} as image_transport writes it, e.g. "jpeg" or "bgr8; jpeg compressed bgr8"). */
public record CompressedImage(Header header, String format, byte[] data) {
}
