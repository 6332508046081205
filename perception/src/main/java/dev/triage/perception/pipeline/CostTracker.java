package dev.triage.perception.pipeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recent running cost per stage, used to decide whether work fits the remaining budget. Keeps the last
 * {@value #WINDOW} samples of each stage and answers their 90th percentile, so one slow frame does not swing it.
 * Thread-safe: worker lanes record their experts' costs while the routing step reads them.
 */
public final class CostTracker {
    static final int WINDOW = 32;
    private final Map<String, long[]> windows = new HashMap<>();
    private final Map<String, Integer> filled = new HashMap<>();
    private final Map<String, Integer> next = new HashMap<>();

    /** Records one measured cost of {@code stage}. */
    public synchronized void record(String stage, long nanos) {
        long[] window = windows.computeIfAbsent(stage, s -> new long[WINDOW]);
        int i = next.getOrDefault(stage, 0);
        window[i] = nanos;
        next.put(stage, (i + 1) % WINDOW);
        filled.merge(stage, 1, (a, b) -> Math.min(WINDOW, a + b));
    }

    /** Expected cost of {@code stage} (90th percentile of recent samples), or 0 if never measured. */
    public synchronized long expectedNanos(String stage) {
        int n = filled.getOrDefault(stage, 0);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(windows.get(stage), n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(0.9 * n) - 1)];
    }
}
