package dev.triage.launch.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One rate's row of the ROS 1 and ROS 2 latency benches ({@code RosLatencyBenchMain}, {@code Ros2LatencyBenchMain}):
 * end-to-end, pipeline and transport-plus-queue (end-to-end less pipeline) milliseconds per frame, printed as
 * p50 / p99 under the benches' common header.
 */
final class LatencyRow {

    private final List<Double> total = new ArrayList<>();
    private final List<Double> pipeline = new ArrayList<>();
    private final List<Double> transport = new ArrayList<>();

    /** Adds one frame: capture to result ({@code totalMs}), of which {@code pipelineMs} were the pipeline's stages. */
    void add(double totalMs, double pipelineMs) {
        total.add(totalMs);
        pipeline.add(pipelineMs);
        transport.add(totalMs - pipelineMs);
    }

    /** Prints the row: {@code rate} as the bench formats it, frames sent, frames received and the percentiles. */
    void print(String rate, int frames) {
        System.out.printf(Locale.ROOT, "%s  %6d  %8d  %7.1f / %-7.1f  %8.1f / %-8.1f  %8.1f / %-8.1f%n",
                rate, frames, total.size(), pct(total, 50), pct(total, 99), pct(pipeline, 50),
                pct(pipeline, 99), pct(transport, 50), pct(transport, 99));
    }

    private static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100 * v.length) - 1)];
    }
}
