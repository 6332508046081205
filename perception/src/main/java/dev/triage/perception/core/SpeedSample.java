package dev.triage.perception.core;

/**
 * One vehicle speed reading, the gate policy's optional speed prior.
 *
 * @param metresPerSecond the speed in m/s (a prior only: non-finite values leave the gate's output unchanged)
 * @param stampNanos      when it was measured, on the same clock as {@link Frame#stampNanos()} (ROS time, the
 *                        recording's time, sim time)
 */
public record SpeedSample(double metresPerSecond, long stampNanos) {
}
