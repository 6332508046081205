package dev.triage.fleet.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyBucketsTest {

    @Test
    void mergedPercentilesAreThoseOfAllSamplesNotTheAverageOfPercentiles() {
        LatencyBuckets fast = new LatencyBuckets();
        LatencyBuckets slow = new LatencyBuckets();
        for (int i = 0; i < 90; i++) {
            fast.record(10.03);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(100.03);
        }
        LatencyBuckets all = new LatencyBuckets().merge(fast).merge(slow);
        assertEquals(100, all.count());
        assertEquals(10.1, all.percentile(0.5), 1e-9); // averaging the two medians would give 55
        assertEquals(10.1, all.percentile(0.9), 1e-9);
        assertEquals(100.1, all.percentile(0.91), 1e-9);
        assertEquals(100.1, all.percentile(0.99), 1e-9);
    }

    @Test
    void bucketsReadBackFromTheTableMergeTheSame() {
        LatencyBuckets a = new LatencyBuckets();
        a.record(3.0);
        a.record(7.25);
        LatencyBuckets copy = new LatencyBuckets();
        a.counts().forEach(copy::add);
        assertEquals(a.percentile(0.5), copy.percentile(0.5));
        assertEquals(a.percentile(1.0), copy.percentile(1.0));
        assertEquals(0, new LatencyBuckets().percentile(0.5));
    }
}
