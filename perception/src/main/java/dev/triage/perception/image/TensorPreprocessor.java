package dev.triage.perception.image;

import dev.triage.perception.core.Stages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * Resizes a frame to a model's input size and lays it out as an {@link ImageTensor} (RGB, CHW, [0, 1]).
 *
 * <p>The frame is resized first, in the channel order it arrived in (rgb8, bgr8, bgra8, rgba8, mono8: a
 * {@link DecodedImage}), and the colour order, the scaling to [0, 1] and the CHW layout are then done in one pass
 * over the small image; no whole-frame colour conversion runs. Bilinear resizing treats channels independently, so
 * this gives the same numbers as converting the full frame to BGR first and then resizing (bit for bit). The scaling
 * uses a table taken from OpenCV's own {@code convertTo(CV_32F, 1/255)}, so the floats are OpenCV's too.
 *
 * <p>Keeps one resize matrix, one byte array and one native-order direct buffer per input size and reuses them for
 * every frame, so the steady state allocates nothing. Not thread-safe: one per worker.
 */
public final class TensorPreprocessor implements AutoCloseable {
    private static final float[] UNIT = unitTable();

    private final Map<InputSize, Slot> slots = new HashMap<>();
    private ObjLongConsumer<String> stepTimes = (step, nanos) -> { };

    public TensorPreprocessor() {
        OpenCv.load();
    }

    /**
     * Where the preprocessor reports the time of its sub-steps per input size ({@link Stages#resize},
     * {@link Stages#tensor}); nowhere by default.
     */
    public void setStepTimes(ObjLongConsumer<String> stepTimes) {
        this.stepTimes = Objects.requireNonNull(stepTimes, "stepTimes");
    }

    /**
     * Fills and returns the tensor for {@code size} from a BGR frame. The returned tensor's buffer is overwritten by
     * the next call with the same size.
     */
    public ImageTensor toTensor(Mat bgr, InputSize size) {
        return fill(bgr, ChannelOrder.BGR, size);
    }

    /**
     * Fills and returns the tensor for {@code size} from a frame in its arrival order. The returned tensor's buffer
     * is overwritten by the next call with the same size.
     */
    public ImageTensor toTensor(DecodedImage image, InputSize size) {
        return fill(image.pixels(), image.order(), size);
    }

    private ImageTensor fill(Mat pixels, ChannelOrder order, InputSize size) {
        if (pixels.depth() != CvType.CV_8U || pixels.channels() != order.channels()) {
            throw new IllegalArgumentException("expected 8-bit " + order + " pixels, got " + CvType.typeToString(
                    pixels.type()));
        }
        return slots.computeIfAbsent(size, Slot::new).fill(pixels, order, stepTimes);
    }

    @Override
    public void close() {
        slots.values().forEach(Slot::release);
        slots.clear();
    }

    /** v / 255 as OpenCV's {@code convertTo(CV_32F, 1.0 / 255.0)} computes it, for every 8-bit v. */
    private static float[] unitTable() {
        OpenCv.load();
        Mat ramp = new Mat(1, 256, CvType.CV_8UC1);
        Mat asFloat = new Mat();
        try {
            byte[] values = new byte[256];
            for (int v = 0; v < 256; v++) {
                values[v] = (byte) v;
            }
            ramp.put(0, 0, values);
            ramp.convertTo(asFloat, CvType.CV_32FC1, 1.0 / 255.0);
            float[] table = new float[256];
            asFloat.get(0, 0, table);
            return table;
        } finally {
            ramp.release();
            asFloat.release();
        }
    }

    private static final class Slot {
        private final InputSize size;
        private final Size cvSize;
        private final Mat resized = new Mat();
        private final float[] chw;
        private final ByteBuffer bytes;
        private final FloatBuffer floats;
        private byte[] packed = new byte[0];

        Slot(InputSize size) {
            this.size = size;
            this.cvSize = new Size(size.width(), size.height());
            int n = 3 * size.width() * size.height();
            chw = new float[n];
            bytes = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            floats = bytes.asFloatBuffer();
        }

        ImageTensor fill(Mat pixels, ChannelOrder order, ObjLongConsumer<String> stepTimes) {
            long t0 = System.nanoTime();
            Mat source = pixels;
            if (pixels.cols() != size.width() || pixels.rows() != size.height()) {
                Imgproc.resize(pixels, resized, cvSize, 0, 0, Imgproc.INTER_LINEAR);
                source = resized;
            }
            long t1 = System.nanoTime();
            stepTimes.accept(Stages.resize(size), t1 - t0);
            int plane = size.width() * size.height();
            int channels = order.channels();
            if (packed.length != plane * channels) {
                packed = new byte[plane * channels];
            }
            readPacked(source, channels);
            int r = order.red();
            int g = order.green();
            int b = order.blue();
            for (int p = 0, i = 0; p < plane; p++, i += channels) {
                chw[p] = UNIT[packed[i + r] & 0xff];
                chw[plane + p] = UNIT[packed[i + g] & 0xff];
                chw[2 * plane + p] = UNIT[packed[i + b] & 0xff];
            }
            floats.clear();
            floats.put(chw);
            stepTimes.accept(Stages.tensor(size), System.nanoTime() - t1);
            return new ImageTensor(size, bytes.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
        }

        /** Copies the resized pixels, row by row when the matrix is not continuous (a frame already at size). */
        private void readPacked(Mat source, int channels) {
            if (source.isContinuous()) {
                source.get(0, 0, packed);
                return;
            }
            byte[] row = new byte[size.width() * channels];
            for (int y = 0; y < size.height(); y++) {
                source.get(y, 0, row);
                System.arraycopy(row, 0, packed, y * row.length, row.length);
            }
        }

        void release() {
            resized.release();
        }
    }
}
