package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.std.Header;

import java.util.Objects;

/**
 * sensor_msgs/Image: uncompressed pixels.
 *
 * @param header      stamp (acquisition time) and optical frame
 * @param height      rows, unsigned 32-bit
 * @param width       columns, unsigned 32-bit
 * @param encoding    pixel encoding (rgb8, bgr8, bgra8, rgba8, mono8, ...)
 * @param isBigendian whether multi-byte channels are big-endian
 * @param step        bytes per row
 * @param data        pixel bytes, {@code step * height} long; never modified after construction
 */
public record Image(Header header, int height, int width, String encoding, boolean isBigendian, int step, byte[] data) {

    public Image {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }
}
