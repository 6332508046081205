package dev.triage.gating;

import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.testing.NoiseFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate on its random-weight fixture (training/fixtures), on broken files, and on the shipped models/gate.pt. */
class TorchScriptGateTest {

    private static final InputSize SIZE = new InputSize(128, 96);
    private static final RuntimeOptions FAST = new RuntimeOptions("cpu", 1, 2);

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchScriptGateTest.class.getResource("/fixtures/" + name).toURI());
    }

    static ImageTensor randomTensor(InputSize size, long seed) {
        ByteBuffer buf = ByteBuffer.allocateDirect(3 * Float.BYTES * size.width() * size.height())
                .order(ByteOrder.nativeOrder());
        Random rnd = new Random(seed);
        while (buf.hasRemaining()) {
            buf.putFloat(rnd.nextFloat());
        }
        buf.flip();
        return new ImageTensor(size, buf.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    @Test
    void classifiesAFrameIntoProbabilities() throws Exception {
        try (TorchScriptGate gate = TorchScriptGate.load(fixture("gate.pt"), GateSpec.contractDefaults(), FAST)) {
            assertEquals(SIZE, gate.inputSize());
            SceneProbabilities p = gate.classify(randomTensor(SIZE, 1));
            assertEquals(1.0, p.of("urban") + p.of("highway"), 1e-6);
            assertEquals(List.of("urban", "highway"), p.scenes());
            assertTrue(gate.forwardOnlyNanos(randomTensor(SIZE, 2)) > 0);
            assertTrue(gate.file().isAbsolute() && gate.file().endsWith("gate.pt"), gate.file().toString());
        }
    }

    @Test
    void classOrderFromTheSidecarIsHonoured() throws Exception {
        ImageTensor t = randomTensor(SIZE, 3);
        SceneProbabilities normal;
        SceneProbabilities swapped;
        try (TorchScriptGate gate = TorchScriptGate.load(fixture("gate.pt"), GateSpec.contractDefaults(), FAST)) {
            normal = gate.classify(t);
        }
        try (TorchScriptGate gate = TorchScriptGate.load(fixture("gate.pt"),
                new GateSpec(SIZE, List.of("highway", "urban")), FAST)) {
            swapped = gate.classify(t);
        }
        assertEquals(normal.of("urban"), swapped.of("highway"), 1e-6);
    }

    @Test
    void aThreeClassGateAnswersOneProbabilityPerNamedScene() throws Exception {
        // gate_wrong_shape.pt answers [1, 3]: wrong for two classes, right for three
        GateSpec three = new GateSpec(SIZE, List.of("urban", "highway", "night"));
        try (TorchScriptGate gate = TorchScriptGate.load(fixture("gate_wrong_shape.pt"), three, FAST)) {
            assertEquals(three.classes(), gate.scenes());
            SceneProbabilities p = gate.classify(randomTensor(SIZE, 4));
            assertEquals(three.classes(), p.scenes());
            assertEquals(1.0, p.of("urban") + p.of("highway") + p.of("night"), 1e-6);
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TorchScriptGate.load(fixture("gate.pt"),
                three, FAST));
        assertTrue(e.getMessage().contains("[1, 2]") && e.getMessage().contains("[1, 3]"), e.getMessage());
    }

    @Test
    void wrongInputSizeFailsOneFrameOnly() throws Exception {
        try (TorchScriptGate gate = TorchScriptGate.load(fixture("gate.pt"), GateSpec.contractDefaults(), FAST)) {
            InferenceException e = assertThrows(InferenceException.class,
                    () -> gate.classify(randomTensor(new InputSize(64, 48), 1)));
            assertTrue(e.getMessage().contains("gate.pt"), e.getMessage());
            gate.classify(randomTensor(SIZE, 1));
        }
    }

    @Test
    void wrongOutputShapeIsAClearLoadError() throws Exception {
        Path wrong = fixture("gate_wrong_shape.pt");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> TorchScriptGate.load(wrong, GateSpec.contractDefaults(), FAST));
        assertTrue(e.getMessage().startsWith(wrong.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 3]") && e.getMessage().contains("[1, 2]"), e.getMessage());
    }

    @Test
    void corruptAndMissingFilesAreNamed(@TempDir Path dir) throws IOException {
        Path corrupt = NoiseFiles.write(dir.resolve("gate.pt"), 2048, 5);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> TorchScriptGate.load(corrupt, GateSpec.contractDefaults(), FAST));
        assertTrue(e.getMessage().startsWith(corrupt.toString()), e.getMessage());
        Path missing = dir.resolve("none.pt");
        ModelLoadException m = assertThrows(ModelLoadException.class,
                () -> TorchScriptGate.load(missing, GateSpec.contractDefaults(), FAST));
        assertTrue(m.getMessage().contains(missing.toString()) && m.getMessage().contains("missing"));
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GateSpec(SIZE, List.of("urban", "urban")));
        assertThrows(IllegalArgumentException.class, () -> new GateSpec(SIZE, List.of("urban", "Rural")));
        assertThrows(IllegalArgumentException.class, () -> new GateSpec(SIZE, List.of("urban", "work zone")));
        assertThrows(IllegalArgumentException.class, () -> new GateSpec(SIZE, List.of("urban")));
        assertEquals(List.of("urban", "rural"), new GateSpec(SIZE, List.of("urban", "rural")).classes());
    }

    /** Proof of life for the shipped model; skipped until training/ has produced models/gate.pt. */
    @Test
    void shippedGateModelLoadsAndClassifies() throws Exception {
        String root = System.getProperty("triage.repo.root");
        Assumptions.assumeTrue(root != null, "system property triage.repo.root is not set (run through Maven)");
        Path model = Path.of(root, "models", "gate.pt");
        Assumptions.assumeTrue(Files.isRegularFile(model),
                "skipped: " + model + " does not exist yet (trained by training/, see training/CONTRACTS.md)");
        try (TorchScriptGate gate = TorchScriptGate.load(model, GateSpec.contractDefaults(),
                RuntimeOptions.defaults())) {
            SceneProbabilities p = gate.classify(randomTensor(SIZE, 9));
            assertEquals(1.0, p.of("urban") + p.of("highway"), 1e-6);
            assertEquals(List.of("urban", "highway"), p.scenes());
        }
    }
}
