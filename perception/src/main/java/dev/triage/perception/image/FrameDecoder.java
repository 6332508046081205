package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;
import java.util.Set;

/**
 * Turns an {@link Image} into a BGR 8-bit OpenCV matrix. Supports the ROS encodings rgb8, bgr8, bgra8, rgba8 and
 * mono8, and any JPEG or PNG file. Anything else is refused with a message that names the problem.
 * Not thread-safe: one per worker.
 */
public final class FrameDecoder {
    /** Encodings accepted in {@link Image.Raw}. */
    public static final Set<String> RAW_ENCODINGS = Set.of("rgb8", "bgr8", "bgra8", "rgba8", "mono8");
    private static final int MAX_SIDE = 8192;

    public FrameDecoder() {
        OpenCv.load();
    }

    /**
     * Decodes {@code image}. The caller owns the returned matrix and must release it.
     *
     * @throws FrameDecodeException if the bytes are corrupt, the encoding is unsupported or the sizes disagree
     */
    public Mat decode(Image image) throws FrameDecodeException {
        if (image instanceof Image.Raw raw) {
            return decodeRaw(raw);
        }
        return decodeEncoded((Image.Encoded) image);
    }

    private static Mat decodeEncoded(Image.Encoded encoded) throws FrameDecodeException {
        if (encoded.data().length == 0) {
            throw new FrameDecodeException("empty " + encoded.format() + " image");
        }
        MatOfByte bytes = new MatOfByte(encoded.data());
        try {
            Mat bgr = Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
            if (bgr.empty()) {
                bgr.release();
                throw new FrameDecodeException("corrupt or unsupported " + encoded.format() + " image ("
                        + encoded.data().length + " bytes)");
            }
            return bgr;
        } finally {
            bytes.release();
        }
    }

    private static Mat decodeRaw(Image.Raw raw) throws FrameDecodeException {
        String encoding = raw.encoding().toLowerCase(Locale.ROOT);
        if (!RAW_ENCODINGS.contains(encoding)) {
            throw new FrameDecodeException("unsupported encoding '" + raw.encoding() + "' (supported: "
                    + String.join(", ", RAW_ENCODINGS.stream().sorted().toList()) + ")");
        }
        int channels = switch (encoding) {
            case "mono8" -> 1;
            case "bgra8", "rgba8" -> 4;
            default -> 3;
        };
        if (raw.width() <= 0 || raw.height() <= 0 || raw.width() > MAX_SIDE || raw.height() > MAX_SIDE) {
            throw new FrameDecodeException("image size " + raw.width() + "x" + raw.height() + " out of range [1, "
                    + MAX_SIDE + "]");
        }
        long rowBytes = (long) raw.width() * channels;
        if (raw.step() < rowBytes) {
            throw new FrameDecodeException("step " + raw.step() + " is less than width*" + channels + " = " + rowBytes
                    + " for " + encoding);
        }
        long needed = (long) raw.step() * raw.height();
        if (raw.data().length < needed) {
            throw new FrameDecodeException("data has " + raw.data().length + " bytes, step*height needs " + needed);
        }
        Mat packed = new Mat(raw.height(), raw.width(), CvType.CV_8UC(channels));
        byte[] row = raw.step() == rowBytes ? null : new byte[(int) rowBytes];
        if (row == null) {
            packed.put(0, 0, raw.data());
        } else {
            for (int y = 0; y < raw.height(); y++) {
                System.arraycopy(raw.data(), y * raw.step(), row, 0, row.length);
                packed.put(y, 0, row);
            }
        }
        int conversion = switch (encoding) {
            case "rgb8" -> Imgproc.COLOR_RGB2BGR;
            case "bgra8" -> Imgproc.COLOR_BGRA2BGR;
            case "rgba8" -> Imgproc.COLOR_RGBA2BGR;
            case "mono8" -> Imgproc.COLOR_GRAY2BGR;
            default -> -1;
        };
        if (conversion < 0) {
            return packed;
        }
        Mat bgr = new Mat();
        Imgproc.cvtColor(packed, bgr, conversion);
        packed.release();
        return bgr;
    }
}
