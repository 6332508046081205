package dev.triage.perception.pipeline;

import org.HdrHistogram.Histogram;

import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * The one latency histogram of Triage (pipeline stages, the replay report, eval, bench, the overlay encoder, fleet
 * summaries): an HdrHistogram of nanoseconds with three significant digits, so every percentile is within 0.1 % of
 * the true sample value, whatever the range (no overflow bucket), in a few tens of kB. The exact maximum and mean are
 * kept beside it. Histograms merge exactly ({@link #add}), also across processes ({@link #encoded} / {@link
 * #decode}), which is how percentiles of many runs are combined: from the merged counts, never by averaging
 * percentiles. Java serialization writes the same encoding (fleet tasks ship their histograms to Spark's driver).
 * Thread-safe.
 *
 * <pre>{@code
 * LatencyHistogram h = new LatencyHistogram();
 * h.record(System.nanoTime() - start);
 * LatencySummary s = h.summary();   // count, p50, p99, max, mean in ms
 * }</pre>
 */
public final class LatencyHistogram implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final transient Histogram counts;
    private transient long maxNanos;
    private transient double sumNanos;

    /** An empty histogram. */
    public LatencyHistogram() {
        this(new Histogram(SIGNIFICANT_DIGITS), 0, 0);
    }

    private LatencyHistogram(Histogram counts, long maxNanos, double sumNanos) {
        counts.setAutoResize(true);
        this.counts = counts;
        this.maxNanos = maxNanos;
        this.sumNanos = sumNanos;
    }

    /** Records one sample. Negative samples count as zero. */
    public synchronized void record(long nanos) {
        long n = Math.max(0, nanos);
        counts.recordValue(n);
        sumNanos += n;
        maxNanos = Math.max(maxNanos, n);
    }

    /** Records one sample given in milliseconds. */
    public void recordMillis(double ms) {
        record(Math.round(Math.max(0, ms) * 1e6));
    }

    /** Adds every sample of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        Histogram theirs;
        long theirMax;
        double theirSum;
        synchronized (other) {
            theirs = other.counts.copy();
            theirMax = other.maxNanos;
            theirSum = other.sumNanos;
        }
        synchronized (this) {
            counts.add(theirs);
            maxNanos = Math.max(maxNanos, theirMax);
            sumNanos += theirSum;
        }
    }

    /** A new histogram holding every sample of {@code parts}. */
    public static LatencyHistogram merged(LatencyHistogram... parts) {
        LatencyHistogram out = new LatencyHistogram();
        for (LatencyHistogram part : parts) {
            out.add(part);
        }
        return out;
    }

    /** Number of samples. */
    public synchronized long count() {
        return counts.getTotalCount();
    }

    /**
     * The value at or below which {@code quantile} (0..1) of the samples fall, in nanoseconds: the upper edge of the
     * 0.1 %-wide bucket holding that rank, capped at the exact maximum; 0 when empty.
     */
    public synchronized long percentileNanos(double quantile) {
        if (counts.getTotalCount() == 0) {
            return 0;
        }
        long v = counts.getValueAtPercentile(Math.min(100.0, Math.max(0.0, quantile * 100.0)));
        return Math.min(maxNanos, counts.highestEquivalentValue(v));
    }

    /**
     * Sample counts in {@code bins} bins of {@code binNanos} each, from 0; samples beyond the last bin's upper edge
     * are counted in the last bin (for plots).
     */
    public synchronized long[] binCounts(long binNanos, int bins) {
        long[] out = new long[bins];
        for (var v : counts.recordedValues()) {
            long value = counts.medianEquivalentValue(v.getValueIteratedTo());
            out[(int) Math.min(bins - 1, value / binNanos)] += v.getCountAddedInThisIterationStep();
        }
        return out;
    }

    /** Summary in milliseconds. */
    public synchronized LatencySummary summary() {
        long n = counts.getTotalCount();
        return new LatencySummary(n, percentileNanos(0.5) / 1e6, percentileNanos(0.99) / 1e6, maxNanos / 1e6,
                n == 0 ? 0 : sumNanos / n / 1e6);
    }

    /** A compact binary form (HdrHistogram's compressed encoding plus maximum and sum), for {@link #decode}. */
    public synchronized byte[] encoded() {
        ByteBuffer hdr = ByteBuffer.allocate(counts.getNeededByteBufferCapacity());
        int length = counts.encodeIntoCompressedByteBuffer(hdr);
        ByteBuffer out = ByteBuffer.allocate(16 + length);
        out.putLong(maxNanos).putDouble(sumNanos).put(hdr.array(), 0, length);
        return out.array();
    }

    /**
     * The histogram {@link #encoded} wrote.
     *
     * @throws IllegalArgumentException when {@code bytes} are not such an encoding
     */
    public static LatencyHistogram decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long max = in.getLong();
            double sum = in.getDouble();
            byte[] hdr = new byte[in.remaining()]; // HdrHistogram reads the backing array from index 0
            in.get(hdr);
            return new LatencyHistogram(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(hdr), 0), max, sum);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded latency histogram (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    @Serial
    private Object writeReplace() {
        return new Encoded(encoded());
    }

    @Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a LatencyHistogram is serialised through its encoding");
    }

    /** The serialised form: {@link #encoded()}. */
    private record Encoded(byte[] bytes) implements Serializable {
        @Serial
        private Object readResolve() {
            return decode(bytes);
        }
    }
}
