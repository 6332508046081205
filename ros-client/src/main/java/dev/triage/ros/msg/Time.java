package dev.triage.ros.msg;

/**
 * The ROS {@code time} primitive: seconds and nanoseconds since the epoch of the stamp's clock (wall or sim time),
 * both unsigned 32-bit on the wire.
 *
 * @param secs  seconds, unsigned 32-bit
 * @param nsecs nanoseconds within the second, unsigned 32-bit (normally below 1e9)
 */
public record Time(int secs, int nsecs) {

    /** The zero stamp, which ROS uses for "no stamp". */
    public static final Time ZERO = new Time(0, 0);

    /** Converts nanoseconds since the epoch; negative values are refused. */
    public static Time ofNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("ROS time cannot be negative: " + nanos);
        }
        return new Time((int) (nanos / 1_000_000_000L), (int) (nanos % 1_000_000_000L));
    }

    /** Nanoseconds since the epoch. */
    public long toNanos() {
        return Integer.toUnsignedLong(secs) * 1_000_000_000L + Integer.toUnsignedLong(nsecs);
    }
}
