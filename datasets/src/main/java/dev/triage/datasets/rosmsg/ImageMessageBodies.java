package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.Image;

/**
 * The part of sensor_msgs/Image and sensor_msgs/CompressedImage after the header, which ROS 1 and ROS 2 lay out
 * alike: pixels are passed on as recorded (no conversion, unsupported encodings included), so that the pipeline's
 * decoder checks them and counts what it cannot use.
 */
public final class ImageMessageBodies {

    private ImageMessageBodies() {
    }

    /** height, width, encoding, is_bigendian, step, data: an {@link Image.Raw} with the recorded bytes. */
    public static Image.Raw raw(FieldReader r) throws MalformedMessageException {
        int height = r.size("height");
        int width = r.size("width");
        String encoding = r.string("encoding");
        r.uint8("is_bigendian"); // only matters for 16-bit encodings, which the decoder refuses anyway
        int step = r.size("step");
        return new Image.Raw(width, height, encoding, step, r.bytes("data"));
    }

    /** format, data: an {@link Image.Encoded} with the declared format (trimmed). */
    public static Image.Encoded compressed(FieldReader r) throws MalformedMessageException {
        String format = r.string("format");
        return new Image.Encoded(format.trim(), r.bytes("data"));
    }
}
