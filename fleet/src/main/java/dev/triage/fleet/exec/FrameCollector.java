package dev.triage.fleet.exec;

import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.ResultSink;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every result of one task's replay as a {@link FrameRecord}, in frame order, after the first
 * {@code warmUpFrames} frames (a chunk's warm-up overlap, which only brings the policy to its state): those are
 * counted apart, so that the task's counts can leave them out. The replay is lossless, so every frame reaches the
 * collector once, as a result or as a problem.
 */
final class FrameCollector implements ResultSink {
    private final List<FrameRecord> frames = new ArrayList<>();
    private final long warmUpFrames;
    private long seen;
    private long warmUpFailed;
    private long warmUpMisses;
    private long warmUpSwitches;

    FrameCollector(long warmUpFrames) {
        this.warmUpFrames = warmUpFrames;
    }

    @Override
    public void accept(PerceptionResult result) {
        if (seen++ >= warmUpFrames) {
            frames.add(FrameRecord.of(result));
            return;
        }
        warmUpMisses += result.deadlineMet() ? 0 : 1;
        warmUpSwitches = result.context().switches();
    }

    @Override
    public void onProblem(FrameProblem problem) {
        if (seen++ >= warmUpFrames) {
            return;
        }
        if (problem.kind() == FrameProblem.Kind.DECODE_FAILED || problem.kind() == FrameProblem.Kind.INFERENCE_FAILED) {
            warmUpFailed++;
        }
    }

    List<FrameRecord> frames() {
        return frames;
    }

    /** Frames of the warm-up. */
    long warmUpLength() {
        return warmUpFrames;
    }

    /** Warm-up frames the replay read (at most the warm-up's length). */
    long warmUpIn() {
        return Math.min(seen, warmUpFrames);
    }

    /** Warm-up frames without a result (decode or inference failures). */
    long warmUpFailed() {
        return warmUpFailed;
    }

    /** Warm-up results after their deadline. */
    long warmUpMisses() {
        return warmUpMisses;
    }

    /** The policy's switch count at the end of the warm-up. */
    long warmUpSwitches() {
        return warmUpSwitches;
    }
}
