package dev.triage.launch.output;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import org.opencv.core.Mat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes {@code overlay.mp4} (h264 through FFmpeg's openh264 encoder, yuv420p) with one video frame for every frame
 * the worker saw: processed frames drawn with their results, dropped and failed frames with a red banner that says
 * why (a grey placeholder when the pixels are unknown). Also keeps a few JPEG thumbnails spread over the drive, and
 * the first problem frames, for the HTML report.
 *
 * <p>Threads: on the worker thread the tap only copies the decoded pixels and queues them (a bounded queue of
 * {@value #QUEUE_CAPACITY}); drawing and encoding run on its own thread, so that encoding competes with the
 * networks for a core but never sits on the frame's critical path. In lossless replay a full queue makes the worker
 * wait, so the video has every frame; in real-time replay the oldest queued frame is dropped instead and counted
 * ({@link OverlayStats#framesDropped()}). With the video off, only the few sampled frames are copied.
 *
 * <p>Frame rate: the one given, else derived from the stamps of the first frames, else {@value #DEFAULT_FPS}. The
 * video size is the first decoded frame's (rounded down to even numbers for yuv420p); later frames of another size
 * are scaled to it.
 *
 * <p>Parts: this tap decides on the worker thread which frames are wanted and copies them; {@link OverlayHandoff}
 * queues them to the encoder thread; there {@link OverlayEncoder} draws each frame and passes it to
 * {@link OverlayRecording} (the mp4: frame rate, size, FFmpeg recorder) and {@link OverlayThumbnails} (which frames
 * the report shows, encoded by {@link ThumbnailEncoder}).
 *
 * <pre>{@code
 * try (OverlayVideoTap overlay = new OverlayVideoTap(new OverlayVideoTap.Options(
 *         Optional.of(out.resolve("overlay.mp4")), source.nominalFps(), true, 50.0))) {
 *     workerBuilder.addTap(overlay);
 *     Pipeline.replay(source, workerBuilder, settings, Long.MAX_VALUE);
 *     overlay.close();
 *     OverlayStats stats = overlay.stats();
 * }
 * }</pre>
 */
public final class OverlayVideoTap implements FrameTap {
    /** Frame rate when neither the source nor the stamps tell one. */
    public static final double DEFAULT_FPS = 20;
    /** Frames queued between the worker and the encoder thread. */
    public static final int QUEUE_CAPACITY = 8;
    /** Thumbnails spread over the drive that {@link #samples()} returns. */
    public static final int SAMPLES = 6;
    /** Thumbnails of the first problem frames that {@link #problemSamples()} returns. */
    public static final int PROBLEM_SAMPLES = 3;
    /** Largest thumbnail width in pixels. */
    public static final int THUMBNAIL_WIDTH = 640;
    private static final int MAX_CANDIDATES = 16;

    /**
     * What to write.
     *
     * @param video    the video file, or empty to keep only the thumbnails
     * @param fps      the frame rate, when the source knows it
     * @param lossless true to make the worker wait for a busy encoder (every frame in the video), false to drop the
     *                 oldest queued overlay frame instead (real-time replay)
     * @param budgetMs the latency budget drawn on each frame
     */
    public record Options(Optional<Path> video, OptionalDouble fps, boolean lossless, double budgetMs) {
    }

    private final Options options;
    private final OverlayThumbnails thumbnails = new OverlayThumbnails(SAMPLES, MAX_CANDIDATES);
    private final OverlayEncoder encoder;
    private final OverlayHandoff handoff;
    private final AtomicBoolean closed = new AtomicBoolean();
    // worker thread only
    private long nextIndex;
    private int problemSamplesAsked;

    /**
     * Starts the encoder thread; the video file is started at the first frame.
     *
     * @param options what to write
     */
    public OverlayVideoTap(Options options) {
        this.options = options;
        this.encoder = new OverlayEncoder(options.budgetMs(), new OverlayRecording(options.video(), options.fps()),
                thumbnails);
        this.handoff = new OverlayHandoff(QUEUE_CAPACITY, options.lossless(), encoder::drain);
    }

    @Override
    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
        long index = nextIndex++;
        boolean sample = thumbnails.sampled(index);
        if (!wanted(sample, false)) {
            return;
        }
        long t0 = System.nanoTime();
        handoff.hand(new OverlayItem(index, frame.seq(), frame.stampNanos(), bgr.clone(), null, result, null,
                frame.truth(), sample, false), t0);
    }

    @Override
    public void onProblem(Frame frame, Optional<Mat> bgr, FrameProblem problem) {
        long index = nextIndex++;
        boolean sample = thumbnails.sampled(index);
        boolean problemSample = problemSamplesAsked < PROBLEM_SAMPLES;
        if (!wanted(sample, problemSample)) {
            return;
        }
        if (problemSample) {
            problemSamplesAsked++;
        }
        long t0 = System.nanoTime();
        Mat copy = bgr.map(Mat::clone).orElse(null);
        // the frame itself travels only when the encoder thread may decode it: dropped frames (never decoded)
        Frame undecoded = copy == null && problem.kind() != FrameProblem.Kind.DECODE_FAILED ? frame : null;
        handoff.hand(new OverlayItem(index, frame.seq(), frame.stampNanos(), copy, undecoded, null, problem,
                frame.truth(), sample, problemSample), t0);
    }

    private boolean wanted(boolean sample, boolean problemSample) {
        return !closed.get() && (options.video().isPresent() || sample || problemSample);
    }

    /** Finishes the video: waits for the encoder to drain the queue and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        handoff.close();
    }

    /** What the writer did; complete after {@link #close()}. */
    public OverlayStats stats() {
        return encoder.stats(handoff);
    }

    /** Up to {@value #SAMPLES} thumbnails evenly spread over the drive, in frame order; after {@link #close()}. */
    public List<Thumbnail> samples() {
        return encoder.samples();
    }

    /** Thumbnails of the first {@value #PROBLEM_SAMPLES} frames without result; after {@link #close()}. */
    public List<Thumbnail> problemSamples() {
        return encoder.problemSamples();
    }
}
