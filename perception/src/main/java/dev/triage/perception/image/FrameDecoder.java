package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import dev.triage.perception.core.Stages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ObjLongConsumer;

/**
 * Turns an {@link Image} into a BGR 8-bit OpenCV matrix. Supports the ROS encodings rgb8, bgr8, bgra8, rgba8 and
 * mono8, and JPEG, PNG and BMP files. Anything else is refused with a message that names the problem and a
 * {@link FrameDecodeException.Reason}.
 *
 * <p>Hostile input rules (the same for every source):
 * <ul>
 *   <li><b>Pixel limit.</b> Width and height must each be at most {@link #maxSide()} (default
 *   {@value #DEFAULT_MAX_SIDE}). For files the size is read from the header (JPEG SOF, PNG IHDR, BMP info header,
 *   {@link ImageHeader}) before OpenCV allocates anything, so a 60 kB JPEG that claims 30000x30000 costs
 *   microseconds, not a 2.7 GB decode ({@code TOO_LARGE}). The container is taken from the file's signature, not
 *   from the format name the sender gave.</li>
 *   <li><b>Damaged JPEGs.</b> Baseline and extended JPEGs are walked by {@link JpegScanCheck} first: damaged
 *   entropy-coded data (bad Huffman code, premature end, restart markers out of order, no end marker, many stray
 *   bytes) are refused ({@code DAMAGED}); a few stray bytes after the last MCU are decoded and reported through
 *   {@link #lastWarning()} (a counted {@code decode_warning}).</li>
 *   <li><b>Raw data length.</b> sensor_msgs/Image says data is {@code step * height} bytes: exactly that is accepted,
 *   anything shorter or longer is refused with both numbers ({@code CORRUPT}).</li>
 * </ul>
 * Not thread-safe: one per worker.
 */
public final class FrameDecoder {
    /** Encodings accepted in {@link Image.Raw}. */
    public static final Set<String> RAW_ENCODINGS = Set.of("rgb8", "bgr8", "bgra8", "rgba8", "mono8");
    /** Default largest width and height, for raw and encoded images alike. */
    public static final int DEFAULT_MAX_SIDE = 8192;
    /** Largest configurable side (OpenCV's own decoders refuse larger images). */
    public static final int MAX_MAX_SIDE = 32768;

    private static final Map<Integer, Integer> REDUCED_FLAGS = Map.of(1, Imgcodecs.IMREAD_COLOR,
            2, Imgcodecs.IMREAD_REDUCED_COLOR_2, 4, Imgcodecs.IMREAD_REDUCED_COLOR_4, 8, Imgcodecs.IMREAD_REDUCED_COLOR_8);

    /** Raw frames up to this size (4096x2160 rgba8 fits) are copied into one reused direct buffer. */
    static final int MAX_REUSED_BUFFER_BYTES = 64 << 20;

    private final int maxSide;
    private String lastWarning;
    private ByteBuffer buffer;
    private ObjLongConsumer<String> stepTimes = (step, nanos) -> { };

    /** A decoder with the default pixel limit ({@value #DEFAULT_MAX_SIDE} a side). */
    public FrameDecoder() {
        this(DEFAULT_MAX_SIDE);
    }

    /**
     * A decoder refusing images wider or taller than {@code maxSide}.
     *
     * @throws IllegalArgumentException when {@code maxSide} is outside [1, {@value #MAX_MAX_SIDE}]
     */
    public FrameDecoder(int maxSide) {
        this.maxSide = checkMaxSide(maxSide);
        OpenCv.load();
    }

    /**
     * Returns {@code maxSide} if it is a valid pixel limit.
     *
     * @throws IllegalArgumentException when it is outside [1, {@value #MAX_MAX_SIDE}]
     */
    public static int checkMaxSide(int maxSide) {
        if (maxSide < 1 || maxSide > MAX_MAX_SIDE) {
            throw new IllegalArgumentException("max image side must be in [1, " + MAX_MAX_SIDE + "], got " + maxSide);
        }
        return maxSide;
    }

    /** The pixel limit: largest width and height accepted. */
    public int maxSide() {
        return maxSide;
    }

    /**
     * Where the decoder reports the time of its sub-steps ({@link Stages#DECODE_PIXELS},
     * {@link Stages#DECODE_COLOUR}); nowhere by default.
     */
    public void setStepTimes(ObjLongConsumer<String> stepTimes) {
        this.stepTimes = Objects.requireNonNull(stepTimes, "stepTimes");
    }

    /**
     * The warning of the last successful {@link #decode}, if it had one (for example stray bytes at the end of a
     * JPEG's data); null when the last image decoded cleanly.
     */
    public String lastWarning() {
        return lastWarning;
    }

    /**
     * Decodes {@code image} to a full-size BGR matrix. The caller owns the returned matrix and must release it.
     * The worker uses {@link #wrap} instead, which makes no whole-frame colour conversion.
     *
     * @throws FrameDecodeException if the bytes are corrupt, the encoding is unsupported or the sizes disagree
     */
    public Mat decode(Image image) throws FrameDecodeException {
        lastWarning = null;
        if (image instanceof Image.Raw raw) {
            return decodeRaw(raw);
        }
        refuseUnreadable(image);
        return decodeEncoded((Image.Encoded) image);
    }

    /**
     * Decodes {@code image} for the models without any whole-frame conversion: raw pixels are copied once into this
     * decoder's reused direct buffer and wrapped in place, in their own channel order; JPEG, PNG and BMP are decoded
     * to BGR. The result is valid until the next call of this decoder and until it is closed.
     *
     * @throws FrameDecodeException under the same rules as {@link #decode}
     */
    public DecodedImage wrap(Image image) throws FrameDecodeException {
        return wrap(image, null);
    }

    /**
     * As {@link #wrap(Image)}, but a JPEG is decoded at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling, OpenCV's
     * {@code IMREAD_REDUCED_COLOR_n}), the smallest scale whose image is still at least {@code largestInput} in
     * both directions; the result keeps the frame's own size as {@link DecodedImage#width()} and
     * {@link DecodedImage#height()}, and has no full-size BGR pixels. The tensors differ slightly from a full
     * decode (a DCT-domain downscale instead of bilinear sampling), so this is for callers that allow that.
     *
     * @param largestInput the largest model input, or null to decode at full scale
     * @throws FrameDecodeException under the same rules as {@link #decode}
     */
    public DecodedImage wrap(Image image, InputSize largestInput) throws FrameDecodeException {
        lastWarning = null;
        if (image instanceof Image.Raw raw) {
            return wrapRaw(raw);
        }
        refuseUnreadable(image);
        long t0 = System.nanoTime();
        Image.Encoded encoded = (Image.Encoded) image;
        ImageHeader header = checkEncoded(encoded);
        int scale = largestInput == null || header.container() != ImageHeader.Container.JPEG ? 1
                : reduction((int) header.width(), (int) header.height(), largestInput);
        Mat bgr = imdecode(encoded, header.decodeLength(), REDUCED_FLAGS.get(scale));
        stepTimes.accept(Stages.DECODE_PIXELS, System.nanoTime() - t0);
        if (scale == 1) {
            return new DecodedImage(bgr, ChannelOrder.BGR);
        }
        // an EXIF orientation turns the decoded image; the frame turns with it
        boolean turned = (bgr.cols() > bgr.rows()) != (header.width() > header.height());
        int width = (int) header.width();   // within maxSide: checked above
        int height = (int) header.height();
        return new DecodedImage(bgr, ChannelOrder.BGR, turned ? height : width, turned ? width : height);
    }

    /** The largest of 8, 4, 2 (else 1) by which the frame can shrink and still cover {@code input}. */
    static int reduction(int width, int height, InputSize input) {
        for (int scale = 8; scale > 1; scale /= 2) {
            if (width / scale >= input.width() && height / scale >= input.height()) {
                return scale;
            }
        }
        return 1;
    }

    private DecodedImage wrapRaw(Image.Raw raw) throws FrameDecodeException {
        ChannelOrder order = checkRaw(raw);
        long t0 = System.nanoTime();
        int length = raw.data().length;
        if (length > MAX_REUSED_BUFFER_BYTES) {
            // a rare huge frame gets its own matrix rather than pinning that much direct memory for good
            Mat packed = packedCopy(raw, order.channels());
            stepTimes.accept(Stages.DECODE_PIXELS, System.nanoTime() - t0);
            return new DecodedImage(packed, order);
        }
        if (buffer == null || buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(length);
        }
        buffer.clear();
        buffer.put(raw.data());
        buffer.flip();
        Mat pixels = new Mat(raw.height(), raw.width(), CvType.CV_8UC(order.channels()), buffer, raw.step());
        stepTimes.accept(Stages.DECODE_PIXELS, System.nanoTime() - t0);
        return new DecodedImage(pixels, order);
    }

    private static void refuseUnreadable(Image image) throws FrameDecodeException {
        if (image instanceof Image.Unreadable u) {
            throw new FrameDecodeException(FrameDecodeException.Reason.UNREADABLE, u.reason());
        }
    }

    private Mat decodeEncoded(Image.Encoded encoded) throws FrameDecodeException {
        ImageHeader header = checkEncoded(encoded);
        return imdecode(encoded, header.decodeLength(), Imgcodecs.IMREAD_COLOR);
    }

    /** The size, limit and damage checks of an encoded image, before any decoding; returns its header. */
    private ImageHeader checkEncoded(Image.Encoded encoded) throws FrameDecodeException {
        if (encoded.data().length == 0) {
            throw new FrameDecodeException("empty " + encoded.format() + " image");
        }
        ImageHeader header = ImageHeader.read(encoded.data());
        if (header.width() < 1 || header.height() < 1 || header.width() > maxSide || header.height() > maxSide) {
            throw new FrameDecodeException(FrameDecodeException.Reason.TOO_LARGE, header.container() + " declares "
                    + header.width() + "x" + header.height() + " pixels, outside the limit [1, " + maxSide
                    + "] a side (refused before decoding; " + encoded.data().length + " bytes)");
        }
        if (header.container() == ImageHeader.Container.JPEG) {
            JpegScanCheck.Verdict v = JpegScanCheck.check(encoded.data());
            if (v.outcome() == JpegScanCheck.Outcome.DAMAGED) {
                throw new FrameDecodeException(FrameDecodeException.Reason.DAMAGED, "damaged JPEG ("
                        + encoded.data().length + " bytes): " + v.message());
            }
            if (v.outcome() == JpegScanCheck.Outcome.WARNING) {
                lastWarning = "JPEG: " + v.message();
            }
        }
        return header;
    }

    /** Decodes the first {@code length} bytes of the file (a copy of them only when that is not all of it). */
    private static Mat imdecode(Image.Encoded encoded, int length, int flags) throws FrameDecodeException {
        byte[] data = encoded.data();
        MatOfByte bytes = new MatOfByte(length == data.length ? data : Arrays.copyOf(data, length));
        try {
            Mat bgr = Imgcodecs.imdecode(bytes, flags);
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

    /** Checks a raw image against the encoding, size and length rules; returns its channel order. */
    private ChannelOrder checkRaw(Image.Raw raw) throws FrameDecodeException {
        String encoding = raw.encoding().toLowerCase(Locale.ROOT);
        if (!RAW_ENCODINGS.contains(encoding)) {
            throw new FrameDecodeException(FrameDecodeException.Reason.UNSUPPORTED, "unsupported encoding '" + raw.encoding() + "' (supported: "
                    + String.join(", ", RAW_ENCODINGS.stream().sorted().toList()) + ")");
        }
        ChannelOrder order = switch (encoding) {
            case "mono8" -> ChannelOrder.GRAY;
            case "bgra8" -> ChannelOrder.BGRA;
            case "rgba8" -> ChannelOrder.RGBA;
            case "rgb8" -> ChannelOrder.RGB;
            default -> ChannelOrder.BGR;
        };
        int channels = order.channels();
        if (raw.width() <= 0 || raw.height() <= 0 || raw.width() > maxSide || raw.height() > maxSide) {
            throw new FrameDecodeException(raw.width() > maxSide || raw.height() > maxSide
                    ? FrameDecodeException.Reason.TOO_LARGE : FrameDecodeException.Reason.CORRUPT,
                    "image size " + raw.width() + "x" + raw.height() + " out of range [1, " + maxSide + "]");
        }
        long rowBytes = (long) raw.width() * channels;
        if (raw.step() < rowBytes) {
            throw new FrameDecodeException("step " + raw.step() + " is less than width*" + channels + " = " + rowBytes
                    + " for " + encoding);
        }
        long needed = (long) raw.step() * raw.height();
        if (raw.data().length != needed) {
            throw new FrameDecodeException("data has " + raw.data().length + " bytes, step*height is " + needed
                    + " (sensor_msgs/Image data must be exactly step*height)");
        }
        return order;
    }

    /** The pixels in a new matrix of their own, rows packed (a checked raw image). */
    private static Mat packedCopy(Image.Raw raw, int channels) {
        int rowBytes = raw.width() * channels;
        Mat packed = new Mat(raw.height(), raw.width(), CvType.CV_8UC(channels));
        if (raw.step() == rowBytes) {
            packed.put(0, 0, raw.data());
            return packed;
        }
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < raw.height(); y++) {
            System.arraycopy(raw.data(), y * raw.step(), row, 0, row.length);
            packed.put(y, 0, row);
        }
        return packed;
    }

    private Mat decodeRaw(Image.Raw raw) throws FrameDecodeException {
        ChannelOrder order = checkRaw(raw);
        int channels = order.channels();
        long t0 = System.nanoTime();
        Mat packed = packedCopy(raw, channels);
        int conversion = order.toBgrCode();
        long t1 = System.nanoTime();
        stepTimes.accept(Stages.DECODE_PIXELS, t1 - t0);
        if (conversion < 0) {
            return packed;
        }
        Mat bgr = new Mat();
        Imgproc.cvtColor(packed, bgr, conversion);
        packed.release();
        stepTimes.accept(Stages.DECODE_COLOUR, System.nanoTime() - t1);
        return bgr;
    }
}
