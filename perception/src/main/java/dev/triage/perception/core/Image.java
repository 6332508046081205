package dev.triage.perception.core;

import java.util.Objects;

/**
 * An image as a source delivered it: raw pixels, an encoded file (JPEG, PNG), or the place of a frame the source
 * knows it has but could not read. Decoding happens on the worker thread, in the timed "decode" stage, so that a
 * corrupt image costs one frame and never the source.
 */
public sealed interface Image permits Image.Raw, Image.Encoded, Image.Unreadable {

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

    /**
     * A frame whose bytes the source could not get (a video frame FFmpeg skipped as corrupt, an image file that is a
     * dangling link, a pipe or too large): decoding it fails with {@code reason}, so the frame is counted as
     * {@code decode_failed} (and {@code unreadable}) with its stamp instead of vanishing.
     *
     * @param reason what the source could not read, naming the file
     */
    record Unreadable(String reason) implements Image {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
