package dev.triage.perception.pipeline;

/**
 * Fixed-memory latency histogram: 10 µs buckets up to 2 s, plus an overflow count and the exact maximum.
 * Percentiles are accurate to one bucket. Thread-safe.
 */
public final class LatencyHistogram {
    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 200_000;

    private final long[] counts = new long[BUCKETS];
    private long overflow;
    private long total;
    private long maxNanos;
    private double sumNanos;

    /** Records one sample. Negative samples count as zero. */
    public synchronized void record(long nanos) {
        long n = Math.max(0, nanos);
        int bucket = (int) Math.min(BUCKETS, n / BUCKET_NANOS);
        if (bucket >= BUCKETS) {
            overflow++;
        } else {
            counts[bucket]++;
        }
        total++;
        sumNanos += n;
        maxNanos = Math.max(maxNanos, n);
    }

    /** Number of samples. */
    public synchronized long count() {
        return total;
    }

    /** The smallest bucket upper bound below which {@code quantile} of the samples fall, in nanoseconds. */
    public synchronized long percentileNanos(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank && counts[b] > 0) {
                return Math.min(maxNanos, (b + 1) * BUCKET_NANOS);
            }
        }
        return maxNanos;
    }

    /** Summary in milliseconds. */
    public synchronized LatencySummary summary() {
        return new LatencySummary(total, percentileNanos(0.5) / 1e6, percentileNanos(0.99) / 1e6, maxNanos / 1e6,
                total == 0 ? 0 : sumNanos / total / 1e6);
    }
}
