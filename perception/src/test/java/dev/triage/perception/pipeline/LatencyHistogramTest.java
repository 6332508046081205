package dev.triage.perception.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyHistogramTest {

    @Test
    void percentilesOfOneToHundredMilliseconds() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms * 1_000_000L);
        }
        LatencySummary s = h.summary();
        assertEquals(100, s.count());
        assertEquals(50.0, s.p50(), 0.011);
        assertEquals(99.0, s.p99(), 0.011);
        assertEquals(100.0, s.max(), 1e-9);
        assertEquals(50.5, s.mean(), 1e-9);
    }

    @Test
    void overflowStillCountsAndKeepsTheExactMaximum() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5_000_000_000L);
        assertEquals(5000.0, h.summary().max(), 1e-9);
        assertEquals(5000.0, h.summary().p99(), 1e-9);
    }

    @Test
    void emptyHistogramReportsZeros() {
        assertEquals(new LatencySummary(0, 0, 0, 0, 0), new LatencyHistogram().summary());
    }
}
