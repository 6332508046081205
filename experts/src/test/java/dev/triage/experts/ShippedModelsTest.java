package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.inference.RuntimeOptions;
import dev.triage.experts.support.Sidecar;
import dev.triage.experts.support.TestTensors;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Lane;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof of life for the shipped models in {@code <repo>/models/}: each loads against its sidecar, passes the contract
 * check during warm-up and turns a frame into well-formed output. Skipped while the models do not exist yet.
 */
class ShippedModelsTest {

    private static Path shipped(String name) {
        String root = System.getProperty("triage.repo.root");
        Assumptions.assumeTrue(root != null, "system property triage.repo.root is not set (run through Maven)");
        Path model = Path.of(root, "models", name + ".pt");
        Path sidecar = Path.of(root, "models", name + ".json");
        Assumptions.assumeTrue(Files.isRegularFile(model) && Files.isRegularFile(sidecar),
                "skipped: " + model + " or its sidecar does not exist yet (trained by training/, see CONTRACTS.md)");
        return model;
    }

    private static ImageTensor noise(InputSize size) {
        ByteBuffer buf = TestTensors.black(size);
        Random rnd = new Random(3);
        while (buf.hasRemaining()) {
            buf.putFloat(rnd.nextFloat());
        }
        buf.flip();
        return TestTensors.tensor(size, buf);
    }

    @Test
    void urbanModelRunsOnAFrame() throws Exception {
        Path model = shipped("urban");
        Sidecar s = Sidecar.read(model.resolveSibling("urban.json"));
        UrbanSpec spec = new UrbanSpec(new InputSize(s.integer("input_width"), s.integer("input_height")),
                s.integer("stride"), s.strings("classes"), DetectionParams.defaults());
        try (UrbanExpert urban = UrbanExpert.load(model, spec, RuntimeOptions.defaults())) {
            ExpertOutput out = urban.infer(noise(spec.inputSize()), 1280, 720);
            for (Detection d : out.detections()) {
                assertTrue(spec.classes().contains(d.label()));
                assertTrue(d.box().x2() <= 1280 && d.box().y2() <= 720);
            }
        }
    }

    @Test
    void highwayModelRunsOnAFrame() throws Exception {
        Path model = shipped("highway");
        Sidecar s = Sidecar.read(model.resolveSibling("highway.json"));
        HighwaySpec spec = new HighwaySpec(new InputSize(s.integer("input_width"), s.integer("input_height")),
                s.integer("lanes"), s.integer("grid_cells"), s.numbers("row_anchors"), s.integer("stride"),
                s.strings("classes"), DetectionParams.defaults(), RowAnchorParams.defaults());
        try (HighwayExpert highway = HighwayExpert.load(model, spec, RuntimeOptions.defaults())) {
            ExpertOutput out = highway.infer(noise(spec.inputSize()), 1280, 720);
            for (Lane lane : out.lanes()) {
                assertTrue(lane.slot() >= 0 && lane.slot() < spec.laneSlots());
                assertTrue(lane.points().size() >= 4);
            }
        }
    }
}
