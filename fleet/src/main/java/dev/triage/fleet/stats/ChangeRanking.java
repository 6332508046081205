package dev.triage.fleet.stats;

import dev.triage.fleet.diff.Segment;
import dev.triage.fleet.exec.ClipPlan;
import dev.triage.fleet.exec.TaskOutcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The drives ranked by how much they changed against the baseline (share of changed frames, then drive id), as the
 * fleet report lists them, and the clips of the top ones: each drive's most-changed segment with the task (chunk)
 * it lies in.
 */
public final class ChangeRanking {
    private ChangeRanking() {
    }

    /** The first {@code limit} drives with a baseline comparison, most changed first. */
    public static List<DriveSummary> top(List<DriveSummary> drives, int limit) {
        return drives.stream().filter(d -> d.changes() != null)
                .sorted(Comparator.comparingDouble((DriveSummary d) -> d.changes().changedShare()).reversed()
                        .thenComparing(DriveSummary::driveId))
                .limit(limit).toList();
    }

    /**
     * The clips of the {@code limit} most-changed drives that changed at all, in ranking order.
     *
     * @param tasks the job's task outcomes (they say which chunk holds each drive's segment)
     */
    public static List<ClipPlan> clips(List<DriveSummary> drives, List<TaskOutcome> tasks, int limit) {
        List<ClipPlan> plans = new ArrayList<>();
        for (DriveSummary d : top(drives, limit)) {
            Segment segment = d.changes().topSegment();
            if (segment == null) {
                continue;
            }
            tasks.stream().filter(t -> t.task().recording().driveId().equals(d.driveId()) && t.changes() != null
                            && segment.equals(t.changes().topSegment()))
                    .findFirst().ifPresent(t -> plans.add(ClipPlan.of(t.task(), segment)));
        }
        return List.copyOf(plans);
    }
}
