package dev.triage.fleet.plan;

import java.io.Serializable;
import java.util.Objects;

/**
 * One Spark task: a recording, or one chunk of a large one, as a frame range {@code [firstFrame, endFrame)} counted
 * from the recording's first frame.
 *
 * @param recording  the drive
 * @param chunk      the chunk's index within the drive (0 when the drive is not split)
 * @param chunks     how many chunks the drive was split into
 * @param firstFrame index of the first frame this task processes
 * @param endFrame   index after the last one; {@link Long#MAX_VALUE}: to the end of the recording
 */
public record DriveTask(Recording recording, int chunk, int chunks, long firstFrame, long endFrame)
        implements Serializable {

    public DriveTask {
        Objects.requireNonNull(recording, "recording");
        if (chunk < 0 || chunk >= chunks || firstFrame < 0 || endFrame <= firstFrame) {
            throw new IllegalArgumentException("bad chunk " + chunk + "/" + chunks + " [" + firstFrame + ", "
                    + endFrame + ") of " + recording.driveId());
        }
    }

    /** The whole recording as one task. */
    public static DriveTask whole(Recording recording) {
        return new DriveTask(recording, 0, 1, 0, Long.MAX_VALUE);
    }

    /** At most this many frames. */
    public long maxFrames() {
        return endFrame - firstFrame;
    }

    /** Names the task in logs and errors: the drive, plus the frame range when split. */
    public String describe() {
        return chunks == 1 ? recording.spec()
                : recording.spec() + " (chunk " + (chunk + 1) + "/" + chunks + ", frames " + firstFrame + ".."
                + (endFrame == Long.MAX_VALUE ? "end" : String.valueOf(endFrame - 1)) + ")";
    }
}
