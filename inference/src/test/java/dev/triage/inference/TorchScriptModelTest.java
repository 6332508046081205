package dev.triage.inference;

import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.testing.NoiseFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading, warm-up and contract checks, on the tiny TorchScript fixtures from training/fixtures. */
class TorchScriptModelTest {

    private static final InputSize SIZE = new InputSize(320, 240);
    private static final OutputContract URBAN = OutputContract.of(1, 7, 60, 80);
    private static final RuntimeOptions FAST = RuntimeOptions.defaults().withWarmupIterations(2);

    @Test
    void loadsRunsAndTimesAFixture() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(TestFixtures.fixture("urban.pt"), SIZE, URBAN, FAST);
             ModelRunner runner = model.newRunner()) {
            List<TensorData> out = runner.run(TestFixtures.zeros(SIZE));
            assertEquals(1, out.size());
            assertArrayEquals(new long[] {1, 7, 60, 80}, out.get(0).shape());
            assertTrue(runner.forwardOnlyNanos(TestFixtures.zeros(SIZE)) > 0);
        }
    }

    @Test
    void tupleOutputsArriveInOrder() throws Exception {
        OutputContract highway = new OutputContract(List.of(new long[] {1, 4, 10, 33}, new long[] {1, 5, 60, 80}));
        try (TorchScriptModel model = TorchScriptModel.load(TestFixtures.fixture("highway.pt"), SIZE, highway, FAST);
             ModelRunner runner = model.newRunner()) {
            List<TensorData> out = runner.run(TestFixtures.zeros(SIZE));
            assertArrayEquals(new long[] {1, 4, 10, 33}, out.get(0).shape());
            assertArrayEquals(new long[] {1, 5, 60, 80}, out.get(1).shape());
        }
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nothere.pt");
        String m = loadFailure(missing);
        assertTrue(m.contains(missing.toString()), m);
        assertTrue(m.contains("missing"), m);
    }

    @Test
    void corruptFileIsNamed(@TempDir Path dir) throws IOException {
        Path corrupt = NoiseFiles.write(dir.resolve("corrupt.pt"), 4096, 1);
        String m = loadFailure(corrupt);
        assertTrue(m.startsWith(corrupt.toString()), m);
        assertTrue(m.contains("not a loadable TorchScript model"), m);
    }

    @Test
    void wrongExtensionIsRejected(@TempDir Path dir) throws IOException {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        String m = loadFailure(onnx);
        assertTrue(m.contains(".pt"), m);
    }

    @Test
    void wrongOutputShapeIsAClearLoadError() {
        Path wrong = TestFixtures.fixture("urban_wrong_shape.pt");
        String m = loadFailure(wrong);
        assertTrue(m.contains(wrong.toString()), m);
        assertTrue(m.contains("[1, 5, 60, 80]") && m.contains("[1, 7, 60, 80]"), m);
    }

    /** The message of the {@link ModelLoadException} that loading {@code file} with the urban contract ends in. */
    private static String loadFailure(Path file) {
        return assertThrows(ModelLoadException.class, () -> TorchScriptModel.load(file, SIZE, URBAN, FAST))
                .getMessage();
    }

    @Test
    void wrongInputSizeFailsTheFrameNotTheModel() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(TestFixtures.fixture("urban.pt"), SIZE, URBAN, FAST);
             ModelRunner runner = model.newRunner()) {
            InferenceException e = assertThrows(InferenceException.class,
                    () -> runner.run(TestFixtures.zeros(new InputSize(32, 24))));
            assertTrue(e.getMessage().contains("urban.pt"), e.getMessage());
            assertEquals(1, runner.run(TestFixtures.zeros(SIZE)).size()); // still serving
        }
    }

    @Test
    void heapTensorIsCopiedThroughTheReusedBuffer() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(TestFixtures.fixture("urban.pt"), SIZE, URBAN, FAST);
             ModelRunner runner = model.newRunner()) {
            java.nio.ByteBuffer heap = java.nio.ByteBuffer.allocate(3 * 4 * 320 * 240)
                    .order(java.nio.ByteOrder.BIG_ENDIAN);
            heap.putFloat(0, 1f); // R at (0,0): heat cell (0,0) gets 1/16
            List<TensorData> out = runner.run(new dev.triage.perception.image.ImageTensor(SIZE, heap));
            assertEquals(1f / 16, out.get(0).values()[0], 1e-6);
        }
    }

    @Test
    void loadedModelReportsItsDevice() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(TestFixtures.fixture("urban.pt"), SIZE, URBAN, FAST)) {
            assertEquals("cpu", model.device());
            assertEquals(false, model.isGpu());
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions("cpu", -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions("cpu", 1, -1));
        assertThrows(NullPointerException.class, () -> new RuntimeOptions(null, 1, 1));
    }

    @Test
    void deviceNamesAreCheckedAndNormalised() {
        assertEquals("cpu", new RuntimeOptions("cpu", 1, 1).device());
        assertEquals("gpu:0", new RuntimeOptions("gpu", 1, 1).device());
        assertEquals("gpu:2", new RuntimeOptions("gpu:2", 1, 1).device());
        assertEquals("gpu:1", RuntimeOptions.defaults().withDevice("gpu:01").device());
        assertEquals(ai.djl.Device.cpu(), RuntimeOptions.defaults().djlDevice());
        assertEquals(ai.djl.Device.gpu(3), RuntimeOptions.defaults().withDevice("gpu:3").djlDevice());
        for (String bad : new String[] {"", "CPU", "cuda", "gpu:", "gpu:-1", "gpu:x", "gpu:64", "gpu:0:1", " cpu"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RuntimeOptions(bad, 1, 1), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("\"cpu\"")
                    && e.getMessage().contains("\"gpu:N\""), e.getMessage());
        }
    }
}
