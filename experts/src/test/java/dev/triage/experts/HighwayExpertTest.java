package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.inference.RuntimeOptions;
import dev.triage.experts.support.TestTensors;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Lane;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whole-path wiring on the highway probe fixture (fixed lane probabilities, vehicle heatmap = B plane). */
class HighwayExpertTest {

    private static final InputSize SIZE = new InputSize(320, 240);

    static HighwaySpec probeSpec() {
        List<Double> anchors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            anchors.add(0.5 + 0.05 * i);
        }
        return new HighwaySpec(SIZE, 4, 32, anchors, 4, List.of("vehicle"), DetectionParams.defaults(),
                RowAnchorParams.defaults());
    }

    @Test
    void lanesAndVehiclesComeOutInFramePixels() throws Exception {
        HighwaySpec spec = probeSpec();
        ByteBuffer buf = TestTensors.black(SIZE);
        TestTensors.fill(buf, SIZE, 2, 160, 120, 164, 124, 1f); // blue -> vehicle at cell (30, 40)
        try (HighwayExpert highway = HighwayExpert.load(TestTensors.fixture("highway.pt"), spec,
                RuntimeOptions.defaults().withWarmupIterations(2))) {
            ExpertOutput out = highway.infer(TestTensors.tensor(SIZE, buf), 640, 480);

            assertEquals(1, out.detections().size());
            UrbanExpertTest.assertBox(new BoundingBox(308, 228, 340, 260), out.detections().get(0).box());
            assertEquals("vehicle", out.detections().get(0).label());

            // slot 0 has 3 points (dropped), slot 3 is absent; 640 px / 32 cells = 20 px per cell
            assertEquals(List.of(1, 2), out.lanes().stream().map(Lane::slot).toList());
            Lane egoLeft = out.lanes().get(0);
            assertEquals(10, egoLeft.points().size());
            for (int r = 0; r < 10; r++) {
                assertEquals(9.0 * 20, egoLeft.points().get(r).x(), 1e-3);
                assertEquals(spec.rowAnchors().get(r) * 480, egoLeft.points().get(r).y(), 1e-6);
            }
            // present from anchor 2 down, and continued one anchor above (a vertical lane stays at its x)
            Lane egoRight = out.lanes().get(1);
            assertEquals(9, egoRight.points().size());
            for (int i = 0; i < 2; i++) {
                assertEquals(24.5 * 20, egoRight.points().get(i).x(), 1e-3);
                assertEquals(spec.rowAnchors().get(i + 1) * 480, egoRight.points().get(i).y(), 1e-6);
            }
            assertEquals(1.0, egoRight.confidence(), 1e-6);
        }
    }

    @Test
    void contractHasTwoOutputs() {
        List<long[]> shapes = probeSpec().outputContract().shapes();
        assertEquals(2, shapes.size());
        assertEquals(List.of(1L, 4L, 10L, 33L), java.util.Arrays.stream(shapes.get(0)).boxed().toList());
        assertEquals(List.of(1L, 5L, 60L, 80L), java.util.Arrays.stream(shapes.get(1)).boxed().toList());
    }
}
