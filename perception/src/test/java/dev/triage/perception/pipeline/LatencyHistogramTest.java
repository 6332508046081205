package dev.triage.perception.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyHistogramTest {

    @Test
    void percentilesOfOneToHundredMillisecondsWithinATenthOfAPercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms * 1_000_000L);
        }
        LatencySummary s = h.summary();
        assertEquals(100, s.count());
        assertEquals(50.0, s.p50(), 50.0 * 1e-3);
        assertEquals(99.0, s.p99(), 99.0 * 1e-3);
        assertEquals(100.0, s.max(), 1e-9);
        assertEquals(50.5, s.mean(), 1e-9);
    }

    @Test
    void aSampleFarOutsideTheUsualRangeKeepsItsExactMaximum() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5_000_000_000L);
        assertEquals(5000.0, h.summary().max(), 1e-9);
        assertEquals(5000.0, h.summary().p99(), 1e-9);
    }

    @Test
    void emptyHistogramReportsZeros() {
        assertEquals(new LatencySummary(0, 0, 0, 0, 0), new LatencyHistogram().summary());
    }

    @Test
    void mergedHistogramsGiveThePercentilesOfAllSamplesNotTheMeanOfPercentiles() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        Random random = new Random(7);
        for (int i = 0; i < 900; i++) {
            long v = 10_000_000L + random.nextInt(2_000_000);
            fast.record(v);
            all.record(v);
        }
        for (int i = 0; i < 100; i++) {
            long v = 80_000_000L + random.nextInt(20_000_000);
            slow.record(v);
            all.record(v);
        }
        LatencyHistogram merged = new LatencyHistogram();
        merged.add(fast);
        merged.add(LatencyHistogram.decode(slow.encoded()));
        assertEquals(all.summary(), merged.summary());
        // averaging the two p99s would say about 55 ms; the fleet's p99 lies among the slow samples
        assertEquals(all.percentileNanos(0.99), merged.percentileNanos(0.99));
        assertEquals(1000, merged.count());
    }

    @Test
    void binCountsSumToTheSampleCountWithTheTailInTheLastBin() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordMillis(0.05);
        h.recordMillis(0.15);
        h.recordMillis(0.16);
        h.recordMillis(250);
        assertArrayEquals(new long[] {1, 2, 1}, h.binCounts(100_000, 3));
    }

    @Test
    void javaSerialisationCarriesTheWholeHistogram() throws Exception {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 500; i++) {
            h.record(i * 77_000L);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(h.summary(), ((LatencyHistogram) in.readObject()).summary());
        }
    }

    @Test
    void decodingGarbageNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyHistogram.decode(new byte[] {1, 2, 3}));
        assertEquals(true, e.getMessage().startsWith("not an encoded latency histogram (3 bytes)"));
    }
}
