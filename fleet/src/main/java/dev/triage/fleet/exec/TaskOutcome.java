package dev.triage.fleet.exec;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.plan.DriveTask;
import dev.triage.perception.pipeline.LatencyHistogram;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one Spark task did with its drive (or chunk): the frames, the counts the drive and fleet summaries are made
 * of, and the error when the recording failed (the frames before the failure are kept).
 *
 * @param task           the task
 * @param error          why the recording failed (naming the file), or null
 * @param notes          what the recording's reader said that cost no frame (see {@code FrameSource.notes()})
 * @param frames         the candidate's processed frames, with their diffs when a baseline ran
 * @param framesIn       frames read from the recording
 * @param framesFailed   frames that produced no result (decode or inference failures)
 * @param deadlineMisses results after their deadline
 * @param gateSwitches   context switches of the candidate's policy
 * @param spanSeconds    recorded time covered (first to last stamp)
 * @param wallSeconds    time the task took, model loading excluded
 * @param latency        end-to-end latency histogram of the candidate
 * @param expertFrames   frames on which each expert ran
 * @param executor       the executor that ran the task
 * @param jvmModelLoads  model stacks loaded by that executor's JVM so far
 * @param changes        the difference to the baseline, or null without one
 */
public record TaskOutcome(DriveTask task, String error, List<String> notes, List<FrameRecord> frames, long framesIn,
                          long framesFailed,
                          long deadlineMisses, long gateSwitches, double spanSeconds, double wallSeconds,
                          LatencyHistogram latency, Map<String, Long> expertFrames, String executor, long jvmModelLoads,
                          ChangeStats changes)
        implements Serializable {

    public TaskOutcome {
        notes = List.copyOf(notes);
        frames = List.copyOf(frames);
        expertFrames = Map.copyOf(expertFrames);
    }

    /** Whether the recording was read to its end without error. */
    public boolean ok() {
        return error == null;
    }

    /** The same outcome without its frames: what the driver collects for the summaries. */
    public TaskOutcome withoutFrames() {
        return new TaskOutcome(task, error, notes, List.of(), framesIn, framesFailed, deadlineMisses, gateSwitches,
                spanSeconds, wallSeconds, latency, expertFrames, executor, jvmModelLoads, changes);
    }
}
