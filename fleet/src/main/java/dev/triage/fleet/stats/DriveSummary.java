package dev.triage.fleet.stats;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.exec.TaskOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One drive's results, its chunks merged: one row of {@code drives/}.
 *
 * @param driveId        the drive
 * @param spec           the recording
 * @param error          the first error of its chunks, or null when it was read to the end
 * @param chunks         tasks it was split into
 * @param framesIn       frames read
 * @param frames         frames processed
 * @param framesFailed   frames without a result
 * @param deadlineMisses results after their deadline
 * @param gateSwitches   context switches
 * @param spanSeconds    recorded time covered
 * @param wallSeconds    task time, summed over chunks
 * @param latency        end-to-end latency histogram
 * @param expertFrames   frames on which each expert ran
 * @param changes        difference to the baseline, or null without one
 */
public record DriveSummary(String driveId, String spec, String error, int chunks, long framesIn, long frames,
                           long framesFailed, long deadlineMisses, long gateSwitches, double spanSeconds,
                           double wallSeconds, LatencyBuckets latency, Map<String, Long> expertFrames,
                           ChangeStats changes) {

    /** Whether the recording was read to its end. */
    public boolean ok() {
        return error == null;
    }

    /** The drives of {@code outcomes}, in order of first appearance, chunks merged. */
    public static List<DriveSummary> of(List<TaskOutcome> outcomes) {
        Map<String, List<TaskOutcome>> byDrive = new LinkedHashMap<>();
        outcomes.forEach(o -> byDrive.computeIfAbsent(o.task().recording().driveId(), k -> new ArrayList<>()).add(o));
        List<DriveSummary> drives = new ArrayList<>();
        byDrive.forEach((id, parts) -> drives.add(merge(id, parts)));
        return List.copyOf(drives);
    }

    private static DriveSummary merge(String driveId, List<TaskOutcome> parts) {
        parts.sort(java.util.Comparator.comparingInt(o -> o.task().chunk()));
        String error = null;
        long in = 0;
        long frames = 0;
        long failed = 0;
        long misses = 0;
        long switches = 0;
        double span = 0;
        double wall = 0;
        LatencyBuckets latency = new LatencyBuckets();
        Map<String, Long> experts = new TreeMap<>();
        ChangeStats changes = null;
        for (TaskOutcome o : parts) {
            error = error != null ? error : o.error();
            in += o.framesIn();
            frames += o.frames().isEmpty() ? o.latency().count() : o.frames().size();
            failed += o.framesFailed();
            misses += o.deadlineMisses();
            switches += o.gateSwitches();
            span += o.spanSeconds();
            wall += o.wallSeconds();
            latency.merge(o.latency());
            o.expertFrames().forEach((k, v) -> experts.merge(k, v, Long::sum));
            if (o.changes() != null) {
                changes = changes == null ? o.changes() : changes.plus(o.changes());
            }
        }
        return new DriveSummary(driveId, parts.get(0).task().recording().spec(), error, parts.size(), in, frames,
                failed, misses, switches, span, wall, latency, experts, changes);
    }
}
