package dev.triage.fleet.exec;

import dev.triage.fleet.diff.Segment;
import dev.triage.fleet.plan.DriveTask;

import java.io.Serializable;
import java.util.Objects;

/**
 * One A/B clip to render: the most-changed segment of a drive and the task (chunk) it lies in, whose frames before
 * the segment are replayed again so that both policies reach the segment in the state the fleet run had. Frame
 * seqs are indexes in the recording (every source counts its frames from 0), so the segment's frames are re-read by
 * skipping {@code firstSeq} frames.
 *
 * @param task    the task (whole drive or chunk) that contains the segment
 * @param segment the frames to show
 * @param file    the clip's file name under {@code DIR/clips/}
 */
public record ClipPlan(DriveTask task, Segment segment, String file) implements Serializable {

    public ClipPlan {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(segment, "segment");
        if (segment.firstSeq() < task.firstFrame() || segment.lastSeq() < segment.firstSeq()) {
            throw new IllegalArgumentException("segment " + segment + " is not in " + task.describe());
        }
    }

    /** The plan for {@code segment} of {@code task}, named after the drive and the frames. */
    public static ClipPlan of(DriveTask task, Segment segment) {
        String drive = task.recording().driveId().replaceAll("[^A-Za-z0-9._-]", "_");
        return new ClipPlan(task, segment, drive + "_" + segment.firstSeq() + "-" + segment.lastSeq() + ".mp4");
    }

    /** The drive. */
    public String driveId() {
        return task.recording().driveId();
    }

    /** The replay that ends with the segment: from the task's first frame to the segment's last. */
    DriveTask replayRange() {
        return new DriveTask(task.recording(), task.chunk(), task.chunks(), task.firstFrame(),
                segment.lastSeq() + 1);
    }

    /** Frames in the segment. */
    int frames() {
        return (int) (segment.lastSeq() - segment.firstSeq() + 1);
    }
}
