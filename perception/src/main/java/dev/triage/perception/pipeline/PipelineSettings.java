package dev.triage.perception.pipeline;

import dev.triage.perception.image.FrameDecoder;

/**
 * How one camera pipeline paces and budgets frames.
 *
 * @param budgetNanos     latency budget per frame, from capture to result (default 50 ms, CARLA's 20 Hz tick), in
 *                        [1 ms, 1000 ms]
 * @param gateEveryFrames run the gate on every n-th frame and reuse its output in between (1 = every frame), in
 *                        [1, {@value #MAX_GATE_EVERY_FRAMES}]
 * @param delivery        how frames reach the worker
 * @param maxImageSide    largest width and height of an image, raw or encoded (checked from the file header before
 *                        decoding), in [1, {@value FrameDecoder#MAX_MAX_SIDE}]; larger images are
 *                        {@code decode_failed}, counted as {@code too_large}
 * @param reducedJpegDecode decode a JPEG at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling) when the largest model
 *                        input still fits, and no frame tap wants the full pixels; tensors then differ slightly from
 *                        a full decode, so it is off unless asked for
 * @param overlapExperts  with one worker lane (live and lossless delivery), run the expert that the previous frame's
 *                        routing chose first on a second thread while the gate classifies this frame
 *                        ({@link ExpertOverlap}): the same outputs, the gate's time off the frame's latency, one more
 *                        busy core for that time
 */
public record PipelineSettings(long budgetNanos, int gateEveryFrames, Delivery delivery, int maxImageSide,
                               boolean reducedJpegDecode, boolean overlapExperts) {


    /** Shortest budget: 1 ms. */
    public static final long MIN_BUDGET_NANOS = 1_000_000L;
    /** Longest budget: 1000 ms. */
    public static final long MAX_BUDGET_NANOS = 1_000_000_000L;
    /** The gate runs at least every this many frames. */
    public static final int MAX_GATE_EVERY_FRAMES = 100;

    public PipelineSettings {
        if (budgetNanos < MIN_BUDGET_NANOS || budgetNanos > MAX_BUDGET_NANOS) {
            throw new IllegalArgumentException("budget must be in [1, 1000] ms: " + budgetNanos / 1e6 + " ms");
        }
        if (gateEveryFrames < 1 || gateEveryFrames > MAX_GATE_EVERY_FRAMES) {
            throw new IllegalArgumentException("gateEveryFrames must be in [1, " + MAX_GATE_EVERY_FRAMES + "]: "
                    + gateEveryFrames);
        }
        if (delivery == null) {
            throw new IllegalArgumentException("delivery must be given");
        }
        FrameDecoder.checkMaxSide(maxImageSide);
    }

    /** Settings that run gate and experts one after the other (no {@link #overlapExperts()}). */
    public PipelineSettings(long budgetNanos, int gateEveryFrames, Delivery delivery, int maxImageSide,
                            boolean reducedJpegDecode) {
        this(budgetNanos, gateEveryFrames, delivery, maxImageSide, reducedJpegDecode, false);
    }

    /** These settings with {@link #overlapExperts()} set to {@code overlap}. */
    public PipelineSettings withOverlapExperts(boolean overlap) {
        return new PipelineSettings(budgetNanos, gateEveryFrames, delivery, maxImageSide, reducedJpegDecode, overlap);
    }

    /** Settings that decode every JPEG at full scale. */
    public PipelineSettings(long budgetNanos, int gateEveryFrames, Delivery delivery, int maxImageSide) {
        this(budgetNanos, gateEveryFrames, delivery, maxImageSide, false);
    }

    /** Settings with the default image size limit ({@value FrameDecoder#DEFAULT_MAX_SIDE} a side). */
    public PipelineSettings(long budgetNanos, int gateEveryFrames, Delivery delivery) {
        this(budgetNanos, gateEveryFrames, delivery, FrameDecoder.DEFAULT_MAX_SIDE);
    }

    /** How frames reach the worker. */
    public enum Delivery {
        /**
         * Live camera or real-time replay: a newer frame replaces one not yet taken (counted as dropped), and the
         * deadline runs from the frame's capture instant.
         */
        LATEST_ONLY,
        /**
         * As-fast-as-possible replay: the producer waits for the worker, nothing is dropped, and the deadline runs
         * from the moment the worker takes the frame (as if the camera fired when the pipeline was ready).
         */
        LOSSLESS,
        /**
         * Replay, evaluation and fleet runs for frames per second: as {@link #LOSSLESS} (the producer waits, nothing
         * is dropped, results in frame order, the same routing), but one frame per worker lane is processed at once
         * (decode and experts in parallel; gate and policy in frame order). A frame's deadline runs from when a lane
         * takes it, not counting the time it waits for its turn at the gate: deadline misses mean a frame's own work
         * took longer than the budget.
         */
        THROUGHPUT
    }
}
