package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.std.Header;

import java.util.Objects;

/**
 * sensor_msgs/CompressedImage: an encoded image file.
 *
 * @param header stamp and optical frame
 * @param format "jpeg", "png", or image_transport's "bgr8; jpeg compressed bgr8"
 * @param data   the file bytes; never modified after construction
 */
public record CompressedImage(Header header, String format, byte[] data) {

    public CompressedImage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(data, "data");
    }
}
