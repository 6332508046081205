package dev.triage.fleet.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits the drives into Spark tasks. A recording larger than {@code splitBytes} is split into frame ranges of
 * {@code chunkFrames} (its frames counted beforehand, see {@code FrameCounter}), so that one 2 GB bag does not become
 * the job's straggler; every other recording is one task.
 *
 * @param splitBytes  recordings above this size are split; {@link Long#MAX_VALUE}: never split
 * @param chunkFrames frames per chunk of a split recording
 */
public record TaskPlanner(long splitBytes, long chunkFrames) {

    public TaskPlanner {
        if (splitBytes < 1 || chunkFrames < 1) {
            throw new IllegalArgumentException("split size and chunk frames must be positive: " + splitBytes
                    + ", " + chunkFrames);
        }
    }

    /** Whether {@code recording} is split (and so needs its frames counted first). */
    public boolean splits(Recording recording) {
        return recording.bytes() > splitBytes;
    }

    /**
     * The tasks, drives in order. {@code frameCounts} holds the frame count of every split recording; a split
     * recording without a count (its counting failed) stays one task, which then reports the error itself.
     */
    public List<DriveTask> plan(List<Recording> recordings, Map<String, Long> frameCounts) {
        List<DriveTask> tasks = new ArrayList<>();
        for (Recording r : recordings) {
            Long frames = frameCounts.get(r.driveId());
            if (!splits(r) || frames == null || frames <= chunkFrames) {
                tasks.add(DriveTask.whole(r));
                continue;
            }
            int chunks = (int) ((frames + chunkFrames - 1) / chunkFrames);
            for (int c = 0; c < chunks; c++) {
                long first = c * chunkFrames;
                // the last chunk runs to the end: a count that was short loses no frame
                long end = c == chunks - 1 ? Long.MAX_VALUE : first + chunkFrames;
                tasks.add(new DriveTask(r, c, chunks, first, end));
            }
        }
        return List.copyOf(tasks);
    }
}
