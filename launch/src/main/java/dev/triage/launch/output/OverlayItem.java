package dev.triage.launch.output;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import org.opencv.core.Mat;

import java.util.Optional;

/**
 * One frame on its way from the worker to the overlay's encoder thread; owns its pixel copy. A processed frame
 * carries its result, a dropped or failed frame its problem (and, when the encoder thread may decode it, the frame
 * itself); {@code sample} and {@code problemSample} say whether the worker asked for a thumbnail of it.
 */
final class OverlayItem {
    final long index;
    final long seq;
    final long stamp;
    Mat pixels;
    final Frame frame;
    final PerceptionResult result;
    final FrameProblem problem;
    final Optional<GroundTruth> truth;
    final boolean sample;
    final boolean problemSample;

    OverlayItem(long index, long seq, long stamp, Mat pixels, Frame frame, PerceptionResult result,
                FrameProblem problem, Optional<GroundTruth> truth, boolean sample, boolean problemSample) {
        this.index = index;
        this.seq = seq;
        this.stamp = stamp;
        this.pixels = pixels;
        this.frame = frame;
        this.result = result;
        this.problem = problem;
        this.truth = truth;
        this.sample = sample;
        this.problemSample = problemSample;
    }

    /** An item with only the index, sequence number and stamp (end marker, and frame-rate tests). */
    static OverlayItem stamped(long index, long seq, long stampNanos) {
        return new OverlayItem(index, seq, stampNanos, null, null, null, null, Optional.empty(), false, false);
    }

    /** The same frame without pixels or frame, to draw on a placeholder later. */
    OverlayItem withoutPixels() {
        return new OverlayItem(index, seq, stamp, null, null, result, problem, truth, sample, problemSample);
    }

    /** Releases the pixel copy, if any; idempotent. */
    void release() {
        if (pixels != null) {
            pixels.release();
            pixels = null;
        }
    }
}
