package dev.triage.perception.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent in each named stage of one frame, in insertion order. Immutable; build it with {@link Builder}.
 *
 * @param nanosByStage elapsed nanoseconds keyed by stage name (see {@link Stages})
 */
public record StageTimings(Map<String, Long> nanosByStage) {

    public StageTimings {
        nanosByStage = Collections.unmodifiableMap(new LinkedHashMap<>(nanosByStage));
    }

    /** Milliseconds spent in {@code stage}, or 0 if it did not run. */
    public double millis(String stage) {
        return nanosByStage.getOrDefault(stage, 0L) / 1e6;
    }

    /** Mutable accumulator used by a single worker thread. */
    public static final class Builder {
        private final LinkedHashMap<String, Long> nanos = new LinkedHashMap<>();

        /** Adds {@code elapsedNanos} to {@code stage}. */
        public Builder add(String stage, long elapsedNanos) {
            nanos.merge(stage, elapsedNanos, Long::sum);
            return this;
        }

        public StageTimings build() {
            return new StageTimings(nanos);
        }
    }
}
