package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;
import dev.triage.ros2.dds.MaxLength;

/** sensor_msgs/msg/Image. */
public record Image(Header header, int height, int width, String encoding, @DdsField("is_bigendian") boolean bigEndian,
                    int step, @MaxLength(value = Ros2Types.MAX_IMAGE_BYTES, what = "image data") byte[] data) {
}
