package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

/** rosgraph_msgs/msg/Clock: the simulation time ({@code builtin_interfaces/Time clock}) on {@code /clock}. */
public record Clock(@DdsField("clock.sec") int sec, @DdsField("clock.nanosec") int nanosec) {

    /** The time in nanoseconds. */
    public long toNanos() {
        return sec * 1_000_000_000L + Integer.toUnsignedLong(nanosec);
    }

    /** The clock message of a time in nanoseconds. */
    public static Clock ofNanos(long nanos) {
        return new Clock((int) Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }
}
