package dev.triage.launch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * Wall time, this process's CPU time (all threads) and the system load average over a measured run. On a shared
 * machine the wall-clock latencies depend on what else runs; CPU time per frame and the load beside them say how
 * much of a figure is ours.
 */
public final class CpuClock {
    private final long wall0;
    private final long cpu0;
    private final double load0;

    private CpuClock(long wall0, long cpu0, double load0) {
        this.wall0 = wall0;
        this.cpu0 = cpu0;
        this.load0 = load0;
    }

    /** Starts measuring now. */
    public static CpuClock start() {
        return new CpuClock(System.nanoTime(), processCpuNanos(), load());
    }

    /** What was used since {@link #start()}. */
    public Reading read() {
        return new Reading(System.nanoTime() - wall0, processCpuNanos() - cpu0, load0, load());
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * One measured span.
     *
     * @param wallNanos  elapsed wall-clock time
     * @param cpuNanos   CPU time of this process, all threads (negative when the JVM cannot tell)
     * @param loadBefore one-minute load average at the start
     * @param loadAfter  one-minute load average at the end
     */
    public record Reading(long wallNanos, long cpuNanos, double loadBefore, double loadAfter) {

        /** One line: wall and CPU milliseconds per frame, and the load average. */
        public String describe(long frames) {
            long n = Math.max(1, frames);
            return String.format(Locale.ROOT, "Per frame: %.2f ms wall, %.2f ms process CPU (all threads); "
                            + "load average %.2f at start, %.2f at end (%d cores).", wallNanos / 1e6 / n,
                    cpuNanos / 1e6 / n, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        }
    }
}
