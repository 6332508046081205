package dev.triage.perception.pipeline;

import dev.triage.perception.core.Stages;
import dev.triage.perception.spi.Expert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deadline-aware input size, for live delivery only: an expert whose expected cost at its full input exceeds the time
 * left before the frame's deadline runs at its slot's smaller under-load input instead. A frame that waited in the
 * mailbox behind a slow one (30 Hz cameras on a busy CPU) then still gets a result on time, at a lower resolution,
 * and the worker catches up instead of missing deadline after deadline. Lossless and throughput delivery, whose
 * deadlines start when the worker takes the frame, always run the full input, so replay, evaluation and the golden
 * outputs never depend on timing.
 *
 * <p>The expected full cost must stay current while the full input does not run. So every run of either input is
 * scaled to what the full input would have cost, by the ratio of the two inputs' costs measured back to back at
 * warm-up (their seeds in {@link CostTracker}), and the expectation is the p90 of the last runs so scaled: a busy
 * machine raises it through the under-load runs as well, a calm one lowers it again, and the full input comes back.
 * Without seeds (an expert that cannot time a bare forward pass) the p90 of the full input's own runs decides.
 */
final class UnderLoadSizing {

    /**
     * The expert to run and the stage its time is recorded under.
     *
     * @param expert    the network to run
     * @param stage     {@code expert:<name>}, or {@code expert:<name>:under_load} for the under-load input
     * @param underLoad whether it is the slot's under-load expert
     */
    record Choice(Expert expert, String stage, boolean underLoad) {
    }

    /** The warm-up costs of a slot's two inputs, measured back to back. */
    private record Seeds(long fullNanos, long underLoadNanos) {
    }

    private final boolean live;
    private final CostTracker costs;
    private final Map<String, Seeds> seeds = new HashMap<>();
    /** Per slot name: recent runs of either input, as the full input's cost. */
    private final CostTracker fullEquivalent = new CostTracker();

    /**
     * @param live  whether frames are delivered live (their deadline runs from capture)
     * @param costs the recent costs per stage, holding the warm-up seeds of {@code slots} (read here, once)
     * @param slots the experts
     */
    UnderLoadSizing(boolean live, CostTracker costs, List<ExpertSlot> slots) {
        this.live = live;
        this.costs = costs;
        for (ExpertSlot slot : slots) {
            long full = costs.expectedNanos(Stages.expert(slot.name()));
            long reduced = costs.expectedNanos(Stages.expertUnderLoad(slot.name()));
            if (slot.underLoad() != null && full > 0 && reduced > 0) {
                seeds.put(slot.name(), new Seeds(full, reduced));
                fullEquivalent.record(slot.name(), full);
            }
        }
    }

    /** The expert of {@code slot} to run when {@code remainingNanos} are left before the frame's deadline. */
    Choice choose(ExpertSlot slot, long remainingNanos) {
        return choose(slot, expectedFullNanos(slot), remainingNanos);
    }

    private Choice choose(ExpertSlot slot, long expectedFullNanos, long remainingNanos) {
        if (live && slot.underLoad() != null && expectedFullNanos > remainingNanos) {
            return new Choice(slot.underLoad(), Stages.expertUnderLoad(slot.name()), true);
        }
        return new Choice(slot.expert(), Stages.expert(slot.name()), false);
    }

    /**
     * The expected cost of the input that {@link #choose} picks for {@code slot} with {@code remainingNanos} left:
     * the full input's current estimate (kept current through under-load runs), or the under-load input's recent
     * p90. The routing's "run the top two when the budget allows" sums these, so that it neither counts a full
     * input that would not run nor trusts a full-input cost last measured before the machine slowed down.
     */
    long expectedNanos(ExpertSlot slot, long remainingNanos) {
        long full = expectedFullNanos(slot);
        Choice choice = choose(slot, full, remainingNanos);
        return choice.underLoad() ? costs.expectedNanos(choice.stage()) : full;
    }

    /** Notes one run of {@code slot} at the input {@code choice} named, which took {@code nanos}. */
    void record(ExpertSlot slot, Choice choice, long nanos) {
        Seeds s = seeds.get(slot.name());
        if (s != null) {
            fullEquivalent.record(slot.name(), choice.underLoad()
                    ? Math.round((double) nanos * s.fullNanos() / s.underLoadNanos()) : nanos);
        }
    }

    private long expectedFullNanos(ExpertSlot slot) {
        return seeds.containsKey(slot.name()) ? fullEquivalent.expectedNanos(slot.name())
                : costs.expectedNanos(Stages.expert(slot.name()));
    }
}
