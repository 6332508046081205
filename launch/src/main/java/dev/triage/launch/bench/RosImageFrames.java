package dev.triage.launch.bench;

import dev.triage.perception.core.Frame;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.ros.node.RosImageDecoder;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A drive at a real camera size, held the way a ROS 1 camera delivers it: serialized sensor_msgs/Image messages,
 * rgb8, {@code step = 3 * width}. {@link #replay} hands them out as frames through the node's own path (the
 * TCPROS message codec, then {@link RosImageDecoder}), and times that message decode per frame.
 *
 * <p>Holding every frame of a long drive at 1080p would take gigabytes, so {@link #render} keeps {@code distinct}
 * frames spread evenly over the whole drive and {@link #replay} shows each of them for as many consecutive frames
 * as it stands for: the scenes change in the drive's order and share of frames, and the gate's policy sees runs of
 * one scene, as on the road.
 */
public final class RosImageFrames {
    private final List<byte[]> messages;
    /** Consecutive frames that show the same held message: the drive's stride between held frames. */
    private final int runLength;
    private final InputSize size;
    private final String origin;

    private RosImageFrames(List<byte[]> messages, int runLength, InputSize size, String origin) {
        this.messages = List.copyOf(messages);
        this.runLength = runLength;
        this.size = size;
        this.origin = origin;
    }

    /**
     * Reads the {@code total} frames of {@code source}, keeps {@code distinct} of them evenly spread, scales each to
     * {@code size} (bilinear; a frame already at that size is left as it is) and serializes it as an rgb8
     * sensor_msgs/Image.
     *
     * @param total the source's length in frames ({@link #count}), or fewer to use only its beginning
     * @throws SourceException when the source fails, has no frame or a frame does not decode
     */
    public static RosImageFrames render(FrameSource source, InputSize size, int total, int distinct)
            throws SourceException {
        int stride = Math.max(1, total / distinct);
        List<byte[]> messages = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        for (int i = 0; i < total && messages.size() < distinct; i++) {
            Optional<Frame> next = source.next();
            if (next.isEmpty()) {
                break;
            }
            if (i % stride == 0) {
                messages.add(serialize(next.get(), decode(decoder, next.get()), size));
            }
        }
        if (messages.isEmpty()) {
            throw new SourceException(source.describe() + ": no frame to benchmark on");
        }
        return new RosImageFrames(messages, stride, size, source.describe());
    }

    /** Frames in {@code source}, at most {@code limit} (it is read to the end or to the limit). */
    public static int count(FrameSource source, int limit) throws SourceException {
        int n = 0;
        while (n < limit && source.next().isPresent()) {
            n++;
        }
        return n;
    }

    private static Mat decode(FrameDecoder decoder, Frame frame) throws SourceException {
        try {
            return decoder.decode(frame.image());
        } catch (FrameDecodeException e) {
            throw new SourceException("frame #" + frame.seq() + " (" + frame.frameId() + "): " + e.getMessage(), e);
        }
    }

    private static byte[] serialize(Frame frame, Mat bgr, InputSize size) {
        Mat rgb = new Mat();
        try {
            if (bgr.cols() != size.width() || bgr.rows() != size.height()) {
                Imgproc.resize(bgr, bgr, new Size(size.width(), size.height()), 0, 0, Imgproc.INTER_LINEAR);
            }
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
            byte[] pixels = new byte[3 * size.width() * size.height()];
            rgb.get(0, 0, pixels);
            Image msg = new Image(new Header((int) frame.seq(), Time.ofNanos(frame.stampNanos()), frame.frameId()),
                    size.height(), size.width(), "rgb8", false, 3 * size.width(), pixels);
            return SensorMsgs.IMAGE.serialize(msg);
        } finally {
            rgb.release();
            bgr.release();
        }
    }

    /**
     * A camera size written {@code WIDTHxHEIGHT} ("1280x720"), each side in [64, 4096].
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static InputSize parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT, for example 1280x720");
        }
        try {
            int w = Integer.parseInt(parts[0].strip());
            int h = Integer.parseInt(parts[1].strip());
            if (w < 64 || h < 64 || w > 4096 || h > 4096) {
                throw new IllegalArgumentException("width and height must be in [64, 4096]");
            }
            return new InputSize(w, h);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT, for example 1280x720");
        }
    }

    /** The frame size. */
    public InputSize size() {
        return size;
    }

    /** Bytes of one serialized message. */
    public int messageBytes() {
        return messages.get(0).length;
    }

    /** Distinct frames held. */
    public int distinctFrames() {
        return messages.size();
    }

    /**
     * A source of {@code count} frames: the held messages in order, each repeated for its run, cycling. Each frame's
     * message decode (TCPROS payload to {@link Frame}) is recorded in {@code messageDecode}.
     */
    public FrameSource replay(int count, LatencyHistogram messageDecode) {
        return new FrameSource() {
            private int next;

            @Override
            public Optional<Frame> next() {
                if (next >= count) {
                    return Optional.empty();
                }
                byte[] bytes = messages.get((next / runLength) % messages.size());
                long t0 = System.nanoTime();
                Image msg = SensorMsgs.IMAGE.codec().read(new MessageReader(bytes));
                Frame frame = RosImageDecoder.toFrame(msg, next, System.nanoTime());
                messageDecode.record(System.nanoTime() - t0);
                next++;
                return Optional.of(frame);
            }

            @Override
            public String describe() {
                return origin + " as sensor_msgs/Image rgb8 " + size;
            }
        };
    }
}
