package dev.triage.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DJL's libtorch computes what Python torch computed for each shipped model ({@code models/parity.json}, written by
 * {@code training/parity_reference.py}) on the same analytic input. This catches a native library that silently
 * computes wrong numbers on some CPUs (as oneDNN's AVX-512 convolutions did on AMD EPYC until
 * {@code DNNL_MAX_CPU_ISA=AVX2}), which no shape check or unit test of the decoders would notice. A second factory
 * repeats each model over dirtied native memory, which catches kernels that read uninitialised memory.
 */
class ShippedModelParityTest {
    private static final Path MODELS = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath()
            .normalize().resolve("models");
    /**
     * Relative tolerance on sums and values when parity.json gives none: float32 kernels differ in summation order,
     * not more. An int8 file carries its own ({@code relative_tolerance} for sampled values and
     * {@code sum_relative_tolerance} for the sums, written by parity_reference.py), because DJL's x86 int8 kernels
     * and Python's oneDNN ones round the requantisation differently.
     */
    private static final double REL = 2e-3;
    /** Forward passes per model over freshly dirtied native memory. */
    private static final int DIRTY_RUNS = 600;

    /** {@code x[c][i][j] = 0.5 + 0.45 sin(0.083 i + 0.061 j + 1.7 c) cos(0.019 i (c + 1) - 0.031 j)}, as in Python. */
    static ImageTensor input(InputSize size) {
        ByteBuffer buf = ByteBuffer.allocateDirect(3 * Float.BYTES * size.width() * size.height())
                .order(ByteOrder.nativeOrder());
        FloatBuffer f = buf.asFloatBuffer();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < size.height(); i++) {
                for (int j = 0; j < size.width(); j++) {
                    f.put((float) (0.5 + 0.45 * Math.sin(0.083 * i + 0.061 * j + 1.7 * c)
                            * Math.cos(0.019 * i * (c + 1) - 0.031 * j)));
                }
            }
        }
        return new ImageTensor(size, buf.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    @TestFactory
    List<DynamicTest> djlMatchesPythonOnEveryShippedModel() throws IOException {
        return perShippedModel(ShippedModelParityTest::check);
    }

    /**
     * Every shipped model gives bit-identical, finite outputs on the same input while freed native memory holds
     * infinities and all-ones bytes (as after decoding a white PNG). The highway model's 42-channel lane convolution
     * once read oneDNN's uninitialised channel padding and returned NaN lanes on a few frames in a thousand this way.
     */
    @TestFactory
    List<DynamicTest> outputsStayIdenticalWhenFreedNativeMemoryHoldsInfinities() throws IOException {
        return perShippedModel(ShippedModelParityTest::repeatOverDirtyMemory);
    }

    /** One dynamic test per model in {@code models/parity.json}, named by its file. */
    private static List<DynamicTest> perShippedModel(ThrowingConsumer<JsonNode> test) throws IOException {
        return references().stream()
                .map(ref -> DynamicTest.dynamicTest(ref.get("file").asText(), () -> test.accept(ref)))
                .toList();
    }

    private static void repeatOverDirtyMemory(JsonNode ref) throws Exception {
        OpenCv.load();
        InputSize size = inputSize(ref);
        ImageTensor in = input(size);
        try (TorchScriptModel model = load(ref); ModelRunner runner = model.newRunner()) {
            List<TensorData> first = runner.run(in);
            for (int k = 0; k < DIRTY_RUNS; k++) {
                dirtyNativeMemory(k);
                List<TensorData> again = runner.run(in); // the contract rejects NaN and infinity
                for (int o = 0; o < first.size(); o++) {
                    assertArrayEquals(first.get(o).values(), again.get(o).values(),
                            ref.get("file").asText() + " output " + o + " changed on run " + k);
                }
            }
        }
    }

    /** Allocates, fills with infinities or 0xFF bytes, and frees native buffers of varying sizes. */
    private static void dirtyNativeMemory(int k) {
        for (int q = 0; q < 3; q++) {
            Mat white = new Mat(120 + (k * 37 + q * 101) % 400, 160 + (k * 53 + q * 71) % 500, CvType.CV_8UC3,
                    new Scalar(255, 255, 255));
            Mat infinities = new Mat();
            white.convertTo(infinities, CvType.CV_32FC3, 1e38);
            infinities.release();
            white.release();
        }
    }

    private static List<JsonNode> references() throws IOException {
        Path reference = MODELS.resolve("parity.json");
        assumeTrue(Files.isRegularFile(reference), reference + " missing (run /usr/bin/python3 "
                + "training/parity_reference.py)");
        List<JsonNode> refs = new ArrayList<>();
        new ObjectMapper().readTree(reference.toFile()).get("models").forEach(refs::add);
        return refs;
    }

    private static InputSize inputSize(JsonNode ref) {
        return new InputSize(ref.get("input_width").asInt(), ref.get("input_height").asInt());
    }

    private static List<long[]> shapes(JsonNode ref) {
        List<long[]> shapes = new ArrayList<>();
        ref.get("outputs").forEach(o -> {
            long[] s = new long[o.get("shape").size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = o.get("shape").get(k).asLong();
            }
            shapes.add(s);
        });
        return shapes;
    }

    private static TorchScriptModel load(JsonNode ref) throws Exception {
        return TorchScriptModel.load(MODELS.resolve(ref.get("file").asText()), inputSize(ref),
                new OutputContract(shapes(ref)), RuntimeOptions.defaults());
    }

    private static void check(JsonNode ref) throws Exception {
        Path file = MODELS.resolve(ref.get("file").asText());
        assertEquals(ref.get("sha256").asText(), sha256(file), file + " changed since models/parity.json was "
                + "written: rerun /usr/bin/python3 training/parity_reference.py");
        InputSize size = inputSize(ref);
        List<long[]> shapes = shapes(ref);
        double rel = ref.path("relative_tolerance").asDouble(REL);
        double sumRel = ref.path("sum_relative_tolerance").asDouble(rel);
        try (TorchScriptModel model = load(ref);
             ModelRunner runner = model.newRunner()) {
            List<TensorData> out = runner.run(input(size));
            for (int k = 0; k < shapes.size(); k++) {
                JsonNode o = ref.get("outputs").get(k);
                TensorData t = out.get(k);
                assertArrayEquals(shapes.get(k), t.shape());
                double sum = 0;
                double absSum = 0;
                for (float v : t.values()) {
                    sum += v;
                    absSum += Math.abs(v);
                }
                String what = file.getFileName() + " output " + k;
                close(o.get("abs_sum").asDouble(), absSum, o.get("abs_sum").asDouble(), sumRel, what + " abs sum");
                close(o.get("sum").asDouble(), sum, o.get("abs_sum").asDouble(), sumRel, what + " sum");
                JsonNode idx = o.get("indices");
                JsonNode values = o.get("values");
                double scale = o.get("abs_sum").asDouble() / t.values().length;
                for (int s = 0; s < idx.size(); s++) {
                    close(values.get(s).asDouble(), t.values()[idx.get(s).asInt()], Math.max(scale, 1e-3), rel,
                            what + " value at " + idx.get(s).asInt());
                }
            }
        }
    }

    /** |actual - expected| within {@code rel} of |expected|, or of {@code scale} when that is larger. */
    private static void close(double expected, double actual, double scale, double rel, String what) {
        double tol = rel * Math.max(Math.abs(expected), scale) + 1e-5;
        assertTrue(Math.abs(actual - expected) <= tol, what + ": DJL " + actual + ", Python " + expected
                + " (tolerance " + tol + ")");
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
