package dev.triage.launch.cli;

import dev.triage.launch.wiring.LaneStacks;
import dev.triage.perception.pipeline.PipelineSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * {@code --throughput[=LANES]} of {@code replay} and {@code eval} (a picocli mixin): process several frames at once
 * on that many worker lanes, each with its own copy of the gate and experts, keeping every frame, the frame order
 * and the routing of lossless replay.
 */
final class ThroughputOptions {
    private static final String CORES = "auto";

    @Option(names = "--throughput", arity = "0..1", fallbackValue = CORES, paramLabel = "LANES",
            description = "Throughput mode: LANES frames at once (default, or 'auto': the number of cores), each lane "
                    + "with its own copy of the models; decode and experts in parallel, gate and policy in frame "
                    + "order, results in frame order, nothing dropped. Latencies are each frame's own work, without "
                    + "the wait for its turn.")
    String lanes;

    /** Whether throughput mode was asked for. */
    boolean on() {
        return lanes != null;
    }

    /** The number of worker lanes: 1 without {@code --throughput}; call after {@link #problem()} found none. */
    int laneCount() {
        if (lanes == null) {
            return 1;
        }
        return lanes.equals(CORES) ? Math.min(LaneStacks.MAX_LANES, Runtime.getRuntime().availableProcessors())
                : Integer.parseInt(lanes.strip());
    }

    /** A usage error for a lane count that is not a number in range, if any. */
    Optional<String> problem() {
        if (lanes == null || lanes.equals(CORES)) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(lanes.strip());
            if (n >= 1 && n <= LaneStacks.MAX_LANES) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        return Optional.of("--throughput: LANES must be 'auto' or in [1, " + LaneStacks.MAX_LANES + "], got " + lanes);
    }

    /** The delivery: throughput when asked for, else {@code otherwise}. */
    PipelineSettings.Delivery delivery(PipelineSettings.Delivery otherwise) {
        return on() ? PipelineSettings.Delivery.THROUGHPUT : otherwise;
    }
}
