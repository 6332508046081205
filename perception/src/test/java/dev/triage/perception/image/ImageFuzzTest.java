package dev.triage.perception.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.perception.core.Image;
import dev.triage.perception.testing.SlowInput;
import org.opencv.core.Mat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target (Jazzer): the image decoder's front end, on the bytes a camera topic delivers. {@code E} + file bytes
 * is an encoded image ({@link ImageHeader}, {@link JpegScanCheck}, then OpenCV), {@code R} + width, height (u16 LE),
 * encoding index and data is a raw image. With a 1024-pixel limit: the only allowed failure is
 * {@link FrameDecodeException}, and a decoded image is never larger than the limit (the limit is enforced before
 * decoding, so a bomb cannot be decoded first and refused afterwards), and no input may take longer than
 * {@value #SLOW_MILLIS} ms (a hostile publisher can repeat a slow input at will: Jazzer only notes slow units, so a
 * 25 s PNG once passed as a committed "slow-unit" file; now it is a finding). Seeds: OpenCV-encoded JPEGs (baseline,
 * restart markers, progressive, grey), a PNG, a BMP and a raw image ({@code scripts/make_fuzz_seeds.py}).
 */
class ImageFuzzTest {

    static final int LIMIT = 1024;
    /** The longest one input may take, decode or refusal: far above the few ms any seed takes, even under load. */
    static final long SLOW_MILLIS = 3000;
    static final List<String> ENCODINGS = List.of("rgb8", "bgr8", "bgra8", "rgba8", "mono8", "yuv422");
    private static FrameDecoder decoder;

    private static synchronized FrameDecoder decoder() {
        if (decoder == null) {
            decoder = new FrameDecoder(LIMIT);
        }
        return decoder;
    }

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] data) {
        if (data.length < 1) {
            return;
        }
        Image image;
        if (data[0] == 'R' && data.length >= 6) {
            ByteBuffer b = ByteBuffer.wrap(data, 1, 5).order(ByteOrder.LITTLE_ENDIAN);
            int w = b.getShort() & 0xFFFF;
            int h = b.getShort() & 0xFFFF;
            String enc = ENCODINGS.get((b.get() & 0xFF) % ENCODINGS.size());
            int channels = enc.equals("mono8") ? 1 : enc.endsWith("a8") ? 4 : 3;
            image = new Image.Raw(w, h, enc, w * channels, Arrays.copyOfRange(data, 6, data.length));
        } else {
            image = new Image.Encoded("jpeg", Arrays.copyOfRange(data, 1, data.length));
        }
        FrameDecoder frameDecoder = decoder();   // the first call loads OpenCV: not the input's time
        Mat m;
        long t0 = System.nanoTime();
        try {
            m = frameDecoder.decode(image);
        } catch (FrameDecodeException e) {
            m = null;
        }
        try {
            SlowInput.check(t0, SLOW_MILLIS, "decoding", data.length);
            if (m != null && (m.cols() > LIMIT || m.rows() > LIMIT || m.channels() != 3)) {
                throw new IllegalStateException("decoded " + m.cols() + "x" + m.rows() + "x" + m.channels()
                        + " past the " + LIMIT + " limit");
            }
        } finally {
            if (m != null) {
                m.release();
            }
        }
    }
}
