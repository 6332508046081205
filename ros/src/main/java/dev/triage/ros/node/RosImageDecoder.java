package dev.triage.ros.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.ros.msg.sensor.CompressedImage;
import dev.triage.ros.msg.std.Header;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns ROS image messages into perception {@link Frame}s: pixels or file bytes go through untouched (the
 * pipeline's FrameDecoder validates encodings and sizes on the worker thread), and the header's stamp and frame_id
 * are kept so outputs can carry them.
 */
public final class RosImageDecoder {

    private RosImageDecoder() {
    }

    /**
     * Wraps a sensor_msgs/Image.
     *
     * @param seq              the source's sequence number
     * @param captureMonoNanos arrival on {@link System#nanoTime()}, the start of the frame's budget
     */
    public static Frame toFrame(dev.triage.ros.msg.sensor.Image msg, long seq, long captureMonoNanos) {
        Image.Raw raw = new Image.Raw(msg.width(), msg.height(), msg.encoding(), msg.step(), msg.data());
        return frame(msg.header(), raw, seq, captureMonoNanos);
    }

    /**
     * Wraps a sensor_msgs/CompressedImage; the format is reduced to the container name ("jpeg", "png"), so
     * image_transport's {@code "bgr8; jpeg compressed bgr8"} becomes "jpeg".
     */
    public static Frame toFrame(CompressedImage msg, long seq, long captureMonoNanos) {
        return frame(msg.header(), new Image.Encoded(container(msg.format()), msg.data()), seq, captureMonoNanos);
    }

    /** The container name in a CompressedImage format string. */
    static String container(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.contains("jpeg") || f.contains("jpg")) {
            return "jpeg";
        }
        if (f.contains("png")) {
            return "png";
        }
        return f.strip();
    }

    private static Frame frame(Header header, Image image, long seq, long captureMonoNanos) {
        return new Frame(seq, header.stamp().toNanos(), captureMonoNanos, header.frameId(), image, Optional.empty());
    }
}
