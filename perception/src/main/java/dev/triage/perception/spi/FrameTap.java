package dev.triage.perception.spi;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import org.opencv.core.Mat;

import java.io.IOException;
import java.util.Optional;

/**
 * Read access to each frame's pixels next to its outcome, for outputs that draw (an overlay video, thumbnails).
 * A {@link ResultSink} sees only results; a tap also sees the decoded image. The worker calls every tap on its own
 * thread, in frame order, once for every frame it processed, failed or dropped, right after the result sinks.
 *
 * <p>Rules: the {@link Mat} is the worker's decoded 8-bit BGR image (made for the taps when the frame arrived in
 * another order, and only when a tap {@link #isActive() is active}) and is valid only during the call (the worker
 * releases it afterwards); never modify it, copy what you keep. The time a tap takes is charged to the frame's
 * {@code publish} stage, so copy and hand off to your own thread rather than encode here. A tap that throws is
 * counted as a sink error and the pipeline carries on.
 *
 * <pre>{@code
 * FrameTap thumbnails = new FrameTap() {
 *     public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
 *         if (result.seq() % 100 == 0) queue.offer(bgr.clone());   // the clone is ours to release
 *     }
 * };
 * CameraWorker.builder().addTap(thumbnails);
 * }</pre>
 */
public interface FrameTap extends AutoCloseable {

    /**
     * A processed frame.
     *
     * @param frame  the frame as the source delivered it
     * @param bgr    its decoded pixels, valid only during this call; read only
     * @param result what the pipeline concluded
     */
    void onResult(Frame frame, Mat bgr, PerceptionResult result) throws IOException;

    /**
     * Whether the tap wants the current frame at all (for example: somebody subscribes to the image it draws). The
     * worker asks before each call; when no tap is active it makes no full-size BGR image of the frame (the models
     * never need one), which saves a whole-frame colour conversion at camera sizes. Default: always active.
     */
    default boolean isActive() {
        return true;
    }

    /**
     * A frame that produced no result. Dropped frames and frames that failed to decode come without pixels;
     * their {@code frame.image()} still holds the source bytes (immutable) if the tap wants to decode them itself,
     * off the worker thread. A frame whose inference failed comes with its decoded pixels.
     *
     * @param frame   the frame as the source delivered it
     * @param bgr     its decoded pixels when the worker had decoded them, valid only during this call; read only
     * @param problem why there is no result
     */
    default void onProblem(Frame frame, Optional<Mat> bgr, FrameProblem problem) throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
