package dev.triage.bench;

import dev.triage.experts.decode.CenterNetDecoder;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorLaneDecoder;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.core.Image;
import dev.triage.perception.image.DecodedImage;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.image.TensorPreprocessor;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Micro-benchmarks of the CPU work around the networks: resizing a 640x480 frame into a model tensor; a camera
 * frame at 1280x720 and 1920x1080 (raw rgb8 and JPEG) to the gate and expert inputs, the full-frame BGR path against
 * the wrapped one; decoding a CenterNet output map into boxes; and decoding the highway expert's row-anchor lane head,
 * with and without continuing lanes at their ends. Run with {@code bash bench/run.sh}; never part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PreprocessAndDecodeBenchmark {
    private TensorPreprocessor preprocessor;
    private Mat frame;
    private CenterNetDecoder decoder;
    private float[] heads;

    @Setup(Level.Trial)
    public void setUp() {
        OpenCv.load();
        preprocessor = new TensorPreprocessor();
        frame = new Mat(480, 640, CvType.CV_8UC3);
        Core.randu(frame, 0, 255);
        decoder = new CenterNetDecoder(List.of(ObjectClass.PEDESTRIAN, ObjectClass.CYCLIST, ObjectClass.VEHICLE), 4,
                DetectionParams.defaults());
        heads = new float[7 * 60 * 80];
        Random random = new Random(1);
        for (int i = 0; i < heads.length; i++) {
            heads[i] = i < 3 * 60 * 80 ? (float) Math.pow(random.nextFloat(), 8) : 10 * random.nextFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        preprocessor.close();
        frame.release();
    }

    /** 640x480 BGR → 320x240 RGB CHW float tensor (the experts' input). */
    @Benchmark
    public Object preprocessExpertInput() {
        return preprocessor.toTensor(frame, new InputSize(320, 240));
    }

    /** 640x480 BGR → 128x96 tensor (the gate's input). */
    @Benchmark
    public Object preprocessGateInput() {
        return preprocessor.toTensor(frame, new InputSize(128, 96));
    }

    /**
     * A camera frame at a real size ({@code size} parameter), as a raw rgb8 sensor_msgs/Image and as a JPEG (quality
     * 90) of the same pixels; the gate and urban expert inputs of the default profile.
     */
    @State(Scope.Thread)
    public static class CameraFrame {
        @Param({"1280x720", "1920x1080"})
        public String size;
        final FrameDecoder decoder = new FrameDecoder();
        final TensorPreprocessor preprocessor = new TensorPreprocessor();
        /** The default profile's inputs: models/gate_int8.json (gate v5) and models/nanodet_m_int8.json. */
        final InputSize gate = new InputSize(192, 128);
        final InputSize expert = new InputSize(640, 384);
        Image.Raw rgb8;
        Image.Encoded jpeg;

        @Setup(Level.Trial)
        public void setUp() {
            String[] wh = size.split("x");
            int width = Integer.parseInt(wh[0]);
            int height = Integer.parseInt(wh[1]);
            Mat bgr = new Mat(height, width, CvType.CV_8UC3);
            Core.randu(bgr, 0, 255);
            Imgproc.GaussianBlur(bgr, bgr, new Size(0, 0), 3);   // camera-like: smooth, so JPEG sizes are realistic
            Mat rgb = new Mat();
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
            byte[] pixels = new byte[3 * width * height];
            rgb.get(0, 0, pixels);
            rgb8 = new Image.Raw(width, height, "rgb8", 3 * width, pixels);
            MatOfByte encoded = new MatOfByte();
            Imgcodecs.imencode(".jpg", bgr, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            jpeg = new Image.Encoded("jpeg", encoded.toArray());
            encoded.release();
            rgb.release();
            bgr.release();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            preprocessor.close();
        }
    }

    /**
     * Before issue 20: rgb8 copied into a new matrix and converted to BGR at full size ({@link FrameDecoder#decode}),
     * then both model inputs built from the BGR frame.
     */
    @Benchmark
    public float rawRgb8FullFrameBgr(CameraFrame f) throws FrameDecodeException {
        Mat bgr = f.decoder.decode(f.rgb8);
        try {
            return f.preprocessor.toTensor(bgr, f.gate).bytes().get(0)
                    + f.preprocessor.toTensor(bgr, f.expert).bytes().get(0);
        } finally {
            bgr.release();
        }
    }

    /** Now: rgb8 copied once into the decoder's reused buffer, resized in rgb order, colour folded into the floats. */
    @Benchmark
    public float rawRgb8Wrapped(CameraFrame f) throws FrameDecodeException {
        try (DecodedImage image = f.decoder.wrap(f.rgb8)) {
            return f.preprocessor.toTensor(image, f.gate).bytes().get(0)
                    + f.preprocessor.toTensor(image, f.expert).bytes().get(0);
        }
    }

    /** A CompressedImage JPEG decoded at full size, then both model inputs. */
    @Benchmark
    public float jpegFullDecode(CameraFrame f) throws FrameDecodeException {
        try (DecodedImage image = f.decoder.wrap(f.jpeg)) {
            return f.preprocessor.toTensor(image, f.gate).bytes().get(0)
                    + f.preprocessor.toTensor(image, f.expert).bytes().get(0);
        }
    }

    /**
     * The same JPEG decoded at reduced scale (libjpeg DCT scaling: 1/2 at 1280x720 and 1/4 at 1920x1080 for a
     * 416x256 largest input), then both model inputs.
     */
    @Benchmark
    public float jpegReducedDecode(CameraFrame f) throws FrameDecodeException {
        try (DecodedImage image = f.decoder.wrap(f.jpeg, f.expert)) {
            return f.preprocessor.toTensor(image, f.gate).bytes().get(0)
                    + f.preprocessor.toTensor(image, f.expert).bytes().get(0);
        }
    }

    /** Peak search, box decoding and NMS on a 3-class 60x80 map with sparse peaks. */
    @Benchmark
    public Object decodeCenterNet() {
        return decoder.decode(heads, 60, 80, new InputSize(320, 240), 640, 480);
    }

    /**
     * The shipped highway expert's lane head (4 slots, 21 row anchors from 0.325 of the height, 80 cells + absent) for
     * a 1280x720 frame: three lanes, each with absent rows at both ends (a dashed line's gap near the camera).
     */
    @State(Scope.Thread)
    public static class LaneHead {
        private static final int SLOTS = 4;
        private static final int ROWS = 21;
        private static final int CELLS = 80;

        @Param({"false", "true"})
        public boolean continueLanes;
        RowAnchorLaneDecoder decoder;
        float[] probabilities;

        @Setup(Level.Trial)
        public void setUp() {
            List<Double> anchors = new ArrayList<>();
            for (int r = 0; r < ROWS; r++) {
                anchors.add(0.325 + r / 30.0);
            }
            decoder = new RowAnchorLaneDecoder(CELLS, anchors, new RowAnchorParams(4, continueLanes));
            probabilities = new float[SLOTS * ROWS * (CELLS + 1)];
            for (int s = 0; s < SLOTS; s++) {
                for (int r = 0; r < ROWS; r++) {
                    int base = (s * ROWS + r) * (CELLS + 1);
                    Arrays.fill(probabilities, base, base + CELLS + 1, 0.001f);
                    boolean present = s < 3 && r >= 2 && r < ROWS - 3;
                    if (present) {
                        int cell = 10 + 25 * s + (s - 1) * r;
                        probabilities[base + cell] = 0.6f;
                        probabilities[base + cell + 1] = 0.2f;
                    } else {
                        probabilities[base + CELLS] = 0.9f;
                    }
                }
            }
        }
    }

    /** Row-anchor lane decoding (argmax, soft-argmax, and the continuation when on) for one 1280x720 frame. */
    @Benchmark
    public Object decodeRowAnchorLanes(LaneHead h) {
        return h.decoder.decode(h.probabilities, LaneHead.SLOTS, 1280, 720);
    }
}
