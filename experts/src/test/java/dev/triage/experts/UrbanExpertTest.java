package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TorchScriptModel;
import dev.triage.experts.support.TestTensors;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-path wiring on the probe fixture, whose heatmaps are the 4x4-averaged R, G and B planes and whose boxes are
 * 16x16 input pixels around the cell centre: a coloured 4x4 block must come back as one box of the right class at the
 * right place in frame pixels.
 */
class UrbanExpertTest {

    private static final InputSize SIZE = new InputSize(320, 240);
    private static final UrbanSpec SPEC = UrbanSpec.contractDefaults(DetectionParams.defaults());
    private static final RuntimeOptions FAST = RuntimeOptions.defaults().withWarmupIterations(2);

    @Test
    void colouredBlocksBecomeDetectionsInFramePixels() throws Exception {
        ByteBuffer buf = TestTensors.black(SIZE);
        TestTensors.fill(buf, SIZE, 0, 160, 120, 164, 124, 1f); // red -> pedestrian at cell (30, 40)
        TestTensors.fill(buf, SIZE, 1, 40, 200, 44, 204, 1f);   // green -> cyclist at cell (50, 10)
        TestTensors.fill(buf, SIZE, 2, 280, 20, 284, 24, 0.5f); // half blue -> vehicle at cell (5, 70), score 0.5
        try (UrbanExpert urban = UrbanExpert.load(TestTensors.fixture("urban.pt"), SPEC, FAST)) {
            assertEquals(SIZE, urban.inputSize());
            ExpertOutput out = urban.infer(TestTensors.tensor(SIZE, buf), 640, 480);
            assertTrue(out.lanes().isEmpty());
            assertEquals(3, out.detections().size(), out.detections().toString());
            Detection ped = find(out.detections(), "pedestrian");
            assertEquals(1.0, ped.score(), 1e-6);
            assertBox(new BoundingBox(308, 228, 340, 260), ped.box()); // input (154,114,170,130) * 2
            assertBox(new BoundingBox(68, 388, 100, 420), find(out.detections(), "cyclist").box());
            Detection car = find(out.detections(), "vehicle");
            assertEquals(0.5, car.score(), 1e-6);
            assertBox(new BoundingBox(548, 28, 580, 60), car.box());
        }
    }

    @Test
    void blackFrameGivesNothing() throws Exception {
        try (UrbanExpert urban = UrbanExpert.load(TestTensors.fixture("urban.pt"), SPEC, FAST)) {
            assertEquals(ExpertOutput.empty(), urban.infer(TestTensors.zeros(SIZE), 640, 480));
        }
    }

    @Test
    void sharedModelServesSeveralExpertsAndOutlivesThem() throws Exception {
        try (TorchScriptModel model = TorchScriptModel.load(TestTensors.fixture("urban.pt"), SIZE,
                SPEC.outputContract(), FAST)) {
            try (UrbanExpert a = new UrbanExpert(model, SPEC); UrbanExpert b = new UrbanExpert(model, SPEC)) {
                a.infer(TestTensors.zeros(SIZE), 640, 480);
                b.infer(TestTensors.zeros(SIZE), 640, 480);
            }
            try (UrbanExpert c = new UrbanExpert(model, SPEC)) {
                assertTrue(c.forwardOnlyNanos(TestTensors.zeros(SIZE)) > 0);
            }
        }
    }

    @Test
    void specMustMatchTheLoadedModel() throws Exception {
        UrbanSpec twoClasses = new UrbanSpec(SIZE, 4, List.of("pedestrian", "cyclist"), DetectionParams.defaults());
        try (TorchScriptModel model = TorchScriptModel.load(TestTensors.fixture("urban.pt"), SIZE,
                SPEC.outputContract(), FAST)) {
            assertThrows(IllegalArgumentException.class, () -> new UrbanExpert(model, twoClasses));
        }
    }

    @Test
    void specIsValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new UrbanSpec(new InputSize(322, 240), 4, SPEC.classes(), DetectionParams.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> new UrbanSpec(SIZE, 4, List.of("a", "a"), DetectionParams.defaults()));
        assertTrue(java.util.Arrays.equals(new long[] {1, 7, 60, 80}, SPEC.outputContract().shapes().get(0)));
    }

    static Detection find(List<Detection> dets, String label) {
        return dets.stream().filter(d -> d.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " in " + dets));
    }

    static void assertBox(BoundingBox expected, BoundingBox actual) {
        assertEquals(expected.x1(), actual.x1(), 1e-4, actual::toString);
        assertEquals(expected.y1(), actual.y1(), 1e-4, actual::toString);
        assertEquals(expected.x2(), actual.x2(), 1e-4, actual::toString);
        assertEquals(expected.y2(), actual.y2(), 1e-4, actual::toString);
    }
}
