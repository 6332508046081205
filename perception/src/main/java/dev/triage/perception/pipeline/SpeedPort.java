package dev.triage.perception.pipeline;

import dev.triage.perception.core.SpeedSample;

/**
 * The vehicle speed input of a {@link CameraPipeline}: the gate policy's speed prior. For each frame the worker uses
 * the newest sample stamped at or before the frame's stamp, if it is at most {@link #MAX_AGE_NANOS} older; without
 * one the frame has no prior. Samples and frames must be stamped on the same clock ({@link SpeedSample#stampNanos()}).
 * Thread-safe.
 *
 * <pre>{@code
 * pipeline.speed().accept(new SpeedSample(msg.data(), rosClock.now().toNanos()));
 * }</pre>
 */
public interface SpeedPort {

    /** A speed sample older than this, relative to the frame, is not used as a prior: 1 s. */
    long MAX_AGE_NANOS = 1_000_000_000L;

    /** Records one sample. */
    void accept(SpeedSample sample);
}
