package dev.triage.perception.core;

import java.util.Objects;

/**
 * An image as a source delivered it: either raw pixels or an encoded file (JPEG, PNG).
 * Decoding happens on the worker thread, in the timed "decode" stage, so that a corrupt image
 * costs one frame and never the source.
 */
public sealed interface Image permits Image.Raw, Image.Encoded {

    /**
     * Raw pixels in ROS sensor_msgs/Image layout.
     *
     * @param width    columns
     * @param height   rows
     * @param encoding ROS encoding name: rgb8, bgr8, bgra8, rgba8 or mono8
     * @param step     bytes per row, at least width times the bytes per pixel
     * @param data     pixel bytes, {@code step * height} long; never modified after construction
     */
    record Raw(int width, int height, String encoding, int step, byte[] data) implements Image {
        public Raw {
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * An encoded image file.
     *
     * @param format container name as the source declared it (for example "jpeg", "png")
     * @param data   the file bytes; never modified after construction
     */
    record Encoded(String format, byte[] data) implements Image {
        public Encoded {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(data, "data");
        }
    }
}
