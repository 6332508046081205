package dev.triage.perception.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Resizes a BGR frame to a model's input size and lays it out as an {@link ImageTensor} (RGB, CHW, [0, 1]).
 * Keeps one native-order direct buffer and scratch matrices per input size and reuses them for every frame, so the
 * steady state allocates nothing. Not thread-safe: one per worker.
 */
public final class TensorPreprocessor implements AutoCloseable {
    private final Map<InputSize, Slot> slots = new HashMap<>();
    private ObjLongConsumer<String> stepTimes = (step, nanos) -> { };

    public TensorPreprocessor() {
        OpenCv.load();
    }

    /**
     * Where the preprocessor reports the time of its sub-steps per input size
     * ({@link dev.triage.perception.core.Stages#resize}, {@link dev.triage.perception.core.Stages#tensor});
     * nowhere by default.
     */
    public void setStepTimes(ObjLongConsumer<String> stepTimes) {
        this.stepTimes = java.util.Objects.requireNonNull(stepTimes, "stepTimes");
    }

    /**
     * Fills and returns the tensor for {@code size} from {@code bgr}. The returned tensor's buffer is overwritten by
     * the next call with the same size.
     */
    public ImageTensor toTensor(Mat bgr, InputSize size) {
        Slot slot = slots.computeIfAbsent(size, Slot::new);
        return slot.fill(bgr, stepTimes);
    }

    @Override
    public void close() {
        slots.values().forEach(Slot::release);
        slots.clear();
    }

    private static final class Slot {
        private final InputSize size;
        private final Mat resized = new Mat();
        private final Mat rgb = new Mat();
        private final Mat asFloat = new Mat();
        private final float[] hwc;
        private final float[] chw;
        private final ByteBuffer bytes;
        private final FloatBuffer floats;

        Slot(InputSize size) {
            this.size = size;
            int n = 3 * size.width() * size.height();
            hwc = new float[n];
            chw = new float[n];
            bytes = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            floats = bytes.asFloatBuffer();
        }

        ImageTensor fill(Mat bgr, ObjLongConsumer<String> stepTimes) {
            long t0 = System.nanoTime();
            Mat source = bgr;
            if (bgr.cols() != size.width() || bgr.rows() != size.height()) {
                Imgproc.resize(bgr, resized, new Size(size.width(), size.height()), 0, 0, Imgproc.INTER_LINEAR);
                source = resized;
            }
            long t1 = System.nanoTime();
            stepTimes.accept(dev.triage.perception.core.Stages.resize(size), t1 - t0);
            Imgproc.cvtColor(source, rgb, Imgproc.COLOR_BGR2RGB);
            rgb.convertTo(asFloat, CvType.CV_32FC3, 1.0 / 255.0);
            asFloat.get(0, 0, hwc);
            int plane = size.width() * size.height();
            for (int p = 0, i = 0; p < plane; p++, i += 3) {
                chw[p] = hwc[i];
                chw[plane + p] = hwc[i + 1];
                chw[2 * plane + p] = hwc[i + 2];
            }
            floats.clear();
            floats.put(chw);
            stepTimes.accept(dev.triage.perception.core.Stages.tensor(size), System.nanoTime() - t1);
            return new ImageTensor(size, bytes.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
        }

        void release() {
            resized.release();
            rgb.release();
            asFloat.release();
        }
    }

}
