package dev.triage.ros.msg.rosgraph;

import dev.triage.ros.msg.Time;

import java.util.Objects;

/**
 * rosgraph_msgs/Clock: simulated time on {@code /clock} when {@code use_sim_time} is set.
 *
 * @param clock the current simulated time
 */
public record Clock(Time clock) {

    public Clock {
        Objects.requireNonNull(clock, "clock");
    }
}
