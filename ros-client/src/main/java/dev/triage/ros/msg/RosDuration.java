package dev.triage.ros.msg;

/**
 * The ROS {@code duration} primitive: signed 32-bit seconds and nanoseconds.
 *
 * @param secs  seconds
 * @param nsecs nanoseconds
 */
public record RosDuration(int secs, int nsecs) {

    /** A zero duration (for a Marker, "forever"). */
    public static final RosDuration ZERO = new RosDuration(0, 0);

    /** Converts nanoseconds; the result is normalised so that 0 &le; nsecs &lt; 1e9. */
    public static RosDuration ofNanos(long nanos) {
        return new RosDuration((int) Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Total nanoseconds. */
    public long toNanos() {
        return secs * 1_000_000_000L + nsecs;
    }
}
