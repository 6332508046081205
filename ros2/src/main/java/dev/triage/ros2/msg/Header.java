package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

/** std_msgs/msg/Header (ROS 2: no seq): {@code builtin_interfaces/Time stamp} (sec, nanosec) and frame_id. */
public record Header(@DdsField("stamp.sec") int sec, @DdsField("stamp.nanosec") int nanosec, String frameId) {

    /** The header of a stamp in nanoseconds since the epoch. */
    public static Header ofNanos(long nanos, String frameId) {
        return new Header((int) Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L),
                frameId);
    }

    /** The stamp in nanoseconds. */
    public long toNanos() {
        return sec * 1_000_000_000L + Integer.toUnsignedLong(nanosec);
    }
}
