package dev.triage.perception.pipeline;

import dev.triage.perception.core.SpeedSample;

import java.util.OptionalDouble;

/**
 * The recent speed samples of one pipeline, in fixed memory (the last {@value #CAPACITY}), and the rule that picks a
 * frame's speed prior: the newest sample stamped at or before the frame, at most {@link SpeedPort#MAX_AGE_NANOS}
 * older. Picking by stamp, not by arrival, makes replay decide as the car did.
 */
final class SpeedTrack implements SpeedPort {
    static final int CAPACITY = 256;

    private final SpeedSample[] ring = new SpeedSample[CAPACITY];
    private int next;

    @Override
    public synchronized void accept(SpeedSample sample) {
        ring[next] = sample;
        next = (next + 1) % CAPACITY;
    }

    /** The speed prior for a frame stamped {@code frameStampNanos}, if a sample qualifies. */
    synchronized OptionalDouble at(long frameStampNanos) {
        SpeedSample best = null;
        for (int i = 0; i < CAPACITY; i++) {   // oldest first: of equal stamps the later sample wins
            SpeedSample s = ring[(next + i) % CAPACITY];
            if (s != null && s.stampNanos() <= frameStampNanos && frameStampNanos - s.stampNanos() <= MAX_AGE_NANOS
                    && (best == null || s.stampNanos() >= best.stampNanos())) {
                best = s;
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(best.metresPerSecond());
    }
}
