package dev.triage.ros2.msg;

import dev.triage.ros2.dds.MaxLength;

/** sensor_msgs/msg/CompressedImage ({@code format} as image_transport writes it, e.g. "jpeg" or "bgr8; jpeg compressed bgr8"). */
public record CompressedImage(Header header, String format,
                              @MaxLength(value = Ros2Types.MAX_IMAGE_BYTES, what = "compressed image") byte[] data) {
}
