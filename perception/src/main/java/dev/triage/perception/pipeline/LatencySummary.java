package dev.triage.perception.pipeline;

/**
 * Latency statistics of one stage, in milliseconds.
 *
 * @param count samples
 * @param p50   median
 * @param p99   99th percentile
 * @param max   maximum
 * @param mean  arithmetic mean
 */
public record LatencySummary(long count, double p50, double p99, double max, double mean) {
}
