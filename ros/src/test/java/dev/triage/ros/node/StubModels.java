package dev.triage.ros.node;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.pipeline.StandIns;
import dev.triage.perception.spi.Gate;

import java.util.List;

/**
 * Stand-in networks for node tests in this module (no DJL here), built from perception's {@link StandIns}: a gate
 * that always says "urban" and one expert that reports one pedestrian. The node's transport, mailbox, decode and
 * accounting are real.
 */
final class StubModels {

    static final List<String> SCENES = List.of("urban", "highway");

    private StubModels() {
    }

    /** A worker builder with the stub gate, one stub expert per scene and a take-the-likeliest policy. */
    static CameraWorker.Builder worker() {
        Gate gate = StandIns.gate(new InputSize(32, 24), SCENES, input -> new SceneProbabilities(SCENES,
                List.of(0.9, 0.1)));
        CameraWorker.Builder b = CameraWorker.builder().setGate(gate)
                .setPolicy(in -> new SceneContext(in.raw().likeliest(), in.raw(), in.raw(),
                        List.of(in.raw().likeliest()), false, 0));
        for (String scene : SCENES) {
            b.addExpert(new ExpertSlot(scene, List.of(scene), StandIns.expert(new InputSize(64, 48),
                    input -> new ExpertOutput(List.of(new Detection("pedestrian", 0.9, new BoundingBox(1, 1, 4, 8))),
                            List.of()))));
        }
        return b;
    }
}
