package dev.triage.launch.wiring;

import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.Gate;

import java.util.List;

/**
 * The loaded, warmed-up networks and routing policy of one camera worker. Owns the models and closes them.
 *
 * @param gate    the context classifier
 * @param experts the configured experts with their names and scenes, in configuration order
 * @param policy  the routing policy (holds this camera's state)
 */
public record PerceptionStack(Gate gate, List<ExpertSlot> experts, ContextPolicy policy) implements AutoCloseable {

    public PerceptionStack {
        experts = List.copyOf(experts);
    }

    /** The gate's scene names, in its output order. */
    public List<String> scenes() {
        return gate.scenes();
    }

    /** Adds gate, experts and policy to a worker builder. */
    public CameraWorker.Builder addTo(CameraWorker.Builder builder) {
        return addTo(builder, policy);
    }

    /**
     * Adds the same loaded gate and experts with another routing policy (evaluation compares policies on one set of
     * models). The policy must be fresh: it holds one camera's state. Run the workers one after another, never at
     * once: gate and experts each hold one runner.
     */
    public CameraWorker.Builder addTo(CameraWorker.Builder builder, ContextPolicy otherPolicy) {
        builder.setGate(gate).setPolicy(otherPolicy);
        experts.forEach(builder::addExpert);
        return builder;
    }

    /**
     * Adds this stack's gate and experts as one more worker lane (throughput delivery); its policy is not used,
     * the worker's first stack routes every frame.
     */
    public CameraWorker.Builder addLaneTo(CameraWorker.Builder builder) {
        return builder.addLane(gate, experts);
    }

    @Override
    public void close() {
        experts.forEach(slot -> {
            slot.expert().close();
            if (slot.underLoad() != null) {
                slot.underLoad().close();
            }
        });
        gate.close();
    }
}
