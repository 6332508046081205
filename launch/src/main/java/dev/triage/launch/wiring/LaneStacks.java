package dev.triage.launch.wiring;

import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.pipeline.CameraWorker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extra copies of the gate and experts that throughput mode's worker lanes need (gate and experts are not
 * thread-safe: one instance per thread), loaded from the same files and configuration as the first stack. Owns
 * and closes them. With one lane there is nothing to load.
 */
public final class LaneStacks implements AutoCloseable {
    /** Most lanes one worker may have. */
    public static final int MAX_LANES = 16;

    private final List<PerceptionStack> stacks;

    private LaneStacks(List<PerceptionStack> stacks) {
        this.stacks = List.copyOf(stacks);
    }

    /** No extra lanes (lossless and live delivery). */
    public static LaneStacks none() {
        return new LaneStacks(List.of());
    }

    /**
     * Loads {@code lanes - 1} more stacks (the caller's own stack is the first lane).
     *
     * @throws IllegalArgumentException when {@code lanes} is outside [1, {@value #MAX_LANES}]
     */
    public static LaneStacks load(TriageConfig config, Path home, int lanes) throws StackFactory.StackException {
        if (lanes < 1 || lanes > MAX_LANES) {
            throw new IllegalArgumentException("lanes must be in [1, " + MAX_LANES + "]: " + lanes);
        }
        List<PerceptionStack> loaded = new ArrayList<>();
        try {
            for (int i = 1; i < lanes; i++) {
                loaded.add(StackFactory.create(config, home));
            }
        } catch (StackFactory.StackException | RuntimeException e) {
            loaded.forEach(PerceptionStack::close);
            throw e;
        }
        return new LaneStacks(loaded);
    }

    /** Adds every extra stack to {@code builder} as a worker lane. */
    public CameraWorker.Builder addTo(CameraWorker.Builder builder) {
        stacks.forEach(stack -> stack.addLaneTo(builder));
        return builder;
    }

    @Override
    public void close() {
        stacks.forEach(PerceptionStack::close);
    }
}
