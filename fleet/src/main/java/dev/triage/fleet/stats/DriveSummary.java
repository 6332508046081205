package dev.triage.fleet.stats;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.exec.TaskOutcome;
import dev.triage.perception.pipeline.LatencyHistogram;

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
 * @param notes          what its reader said that cost no frame, each once (see {@code FrameSource.notes()})
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
public record DriveSummary(String driveId, String spec, String error, List<String> notes, int chunks, long framesIn,
                           long frames,
                           long framesFailed, long deadlineMisses, long gateSwitches, double spanSeconds,
                           double wallSeconds, LatencyHistogram latency, Map<String, Long> expertFrames,
                           ChangeStats changes) {

    public DriveSummary {
        notes = List.copyOf(notes);
    }

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
        return parts.stream().map(DriveSummary::ofTask).reduce(DriveSummary::plus).orElseThrow();
    }

    private static DriveSummary ofTask(TaskOutcome o) {
        long frames = o.frames().isEmpty() ? o.latency().count() : o.frames().size();
        return new DriveSummary(o.task().recording().driveId(), o.task().recording().spec(), o.error(), o.notes(), 1,
                o.framesIn(), frames, o.framesFailed(), o.deadlineMisses(), o.gateSwitches(), o.spanSeconds(),
                o.wallSeconds(), LatencyHistogram.merged(o.latency()), o.expertFrames(), o.changes());
    }

    /**
     * This drive (or set of drives) together with {@code other}: counts and histograms add up, the first error is
     * kept, notes are each kept once, ids are this one's. The fleet totals are all drives added this way.
     */
    public DriveSummary plus(DriveSummary other) {
        Map<String, Long> experts = new TreeMap<>(expertFrames);
        other.expertFrames.forEach((k, v) -> experts.merge(k, v, Long::sum));
        ChangeStats c = changes == null ? other.changes : other.changes == null ? changes : changes.plus(other.changes);
        List<String> allNotes = java.util.stream.Stream.concat(notes.stream(), other.notes.stream()).distinct()
                .toList();
        return new DriveSummary(driveId, spec, error != null ? error : other.error, allNotes, chunks + other.chunks,
                framesIn + other.framesIn, frames + other.frames, framesFailed + other.framesFailed,
                deadlineMisses + other.deadlineMisses, gateSwitches + other.gateSwitches,
                spanSeconds + other.spanSeconds, wallSeconds + other.wallSeconds,
                LatencyHistogram.merged(latency, other.latency), experts, c);
    }
}
