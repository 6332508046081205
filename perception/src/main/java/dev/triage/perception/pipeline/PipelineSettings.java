package dev.triage.perception.pipeline;

import dev.triage.perception.image.FrameDecoder;

/**
 * How one camera pipeline paces and budgets frames.
 *
 * @param budgetNanos     latency budget per frame, from capture to result (default 50 ms, CARLA's 20 Hz tick)
 * @param gateEveryFrames run the gate on every n-th frame and reuse its output in between (1 = every frame)
 * @param delivery        how frames reach the worker
 * @param maxImageSide    largest width and height of an image, raw or encoded (checked from the file header before
 *                        decoding), in [1, {@value FrameDecoder#MAX_MAX_SIDE}]; larger images are
 *                        {@code decode_failed}, counted as {@code too_large}
 */
public record PipelineSettings(long budgetNanos, int gateEveryFrames, Delivery delivery, int maxImageSide) {

    /** Default budget: 50 ms. */
    public static final long DEFAULT_BUDGET_NANOS = 50_000_000L;

    public PipelineSettings {
        if (budgetNanos <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budgetNanos + " ns");
        }
        if (gateEveryFrames < 1) {
            throw new IllegalArgumentException("gateEveryFrames must be >= 1: " + gateEveryFrames);
        }
        if (delivery == null) {
            throw new IllegalArgumentException("delivery must be given");
        }
        FrameDecoder.checkMaxSide(maxImageSide);
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
        LOSSLESS
    }
}
