package dev.triage.ros;

import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.rosgraph.Clock;

import java.time.Instant;

/**
 * ROS time for output stamps: wall time, or with {@code use_sim_time} the latest {@code /clock} message (zero until
 * the first one arrives, as in roscpp). Thread-safe.
 *
 * <pre>{@code
 * RosClock clock = RosClock.simulated();
 * node.subscribe("/clock", RosgraphMsgs.CLOCK, SubscriptionOptions.defaults(), clock::update);
 * }</pre>
 */
public final class RosClock {

    private final boolean simulated;
    private volatile long simNanos;

    private RosClock(boolean simulated) {
        this.simulated = simulated;
    }

    /** Wall-clock time. */
    public static RosClock wall() {
        return new RosClock(false);
    }

    /** Simulated time, driven by {@link #update}. */
    public static RosClock simulated() {
        return new RosClock(true);
    }

    /** Whether this clock follows /clock. */
    public boolean isSimulated() {
        return simulated;
    }

    /** Takes a /clock message; ignored by a wall clock. */
    public void update(Clock msg) {
        if (simulated) {
            simNanos = msg.clock().toNanos();
        }
    }

    /** Current time in nanoseconds since the epoch (of the simulator, with sim time). */
    public long nowNanos() {
        if (simulated) {
            return simNanos;
        }
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Current time as a ROS stamp. */
    public Time now() {
        return Time.ofNanos(nowNanos());
    }
}
