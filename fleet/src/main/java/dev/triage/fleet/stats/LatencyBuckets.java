package dev.triage.fleet.stats;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable latency histogram: counts per 0.1 ms bucket, stored sparsely (a drive's frames fill a few hundred
 * buckets). Fleet percentiles come from the merged counts of every drive, exact to one bucket, never from averaging
 * per-drive percentiles. Not thread-safe: one per task, merged on the driver.
 */
public final class LatencyBuckets implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Width of one bucket in milliseconds. */
    public static final double BUCKET_MS = 0.1;

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    /** Records one latency. Negative values count as zero. */
    public void record(double ms) {
        add((int) Math.floor(Math.max(0, ms) / BUCKET_MS), 1);
    }

    /** Adds {@code count} samples to bucket {@code bucket} (as read back from the drives table). */
    public void add(int bucket, long count) {
        if (count > 0) {
            counts.merge(bucket, count, Long::sum);
            total += count;
        }
    }

    /** Adds every sample of {@code other}. */
    public LatencyBuckets merge(LatencyBuckets other) {
        other.counts.forEach(this::add);
        return this;
    }

    /** Samples recorded. */
    public long count() {
        return total;
    }

    /** Bucket index to count, ascending (for the drives table). */
    public Map<Integer, Long> counts() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    /**
     * The upper bound of the bucket in which the {@code quantile}-th sample falls (nearest-rank), in milliseconds;
     * 0 without samples.
     */
    public double percentile(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return (e.getKey() + 1) * BUCKET_MS;
            }
        }
        return (counts.lastKey() + 1) * BUCKET_MS;
    }
}
