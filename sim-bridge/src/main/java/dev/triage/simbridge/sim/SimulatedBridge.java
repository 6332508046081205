package dev.triage.simbridge.sim;

/**
 * A carla-ros-bridge stand-in that publishes the synthetic drive tick by tick on some transport: ROS 1
 * ({@link CarlaSimPublisher}) or ROS 2 (launch's {@code Ros2CarlaSim}). {@code bin/triage carla-sim} drives either.
 *
 * <pre>{@code
 * try (SimulatedBridge sim = CarlaSimPublisher.advertise(ros, options)) {
 *     for (int i = 0; i < sim.ticks(); i++) {
 *         sim.publish(i);
 *     }
 * }
 * }</pre>
 */
public interface SimulatedBridge extends AutoCloseable {

    /** What one tick published. */
    record Tick(int index, long stampNanos, dev.triage.datasets.synthetic.Scene scene, int objects,
                boolean resultSeen) {
    }

    /** Ticks in the whole drive. */
    int ticks();

    /** Whether the node's subscriptions are connected (wait for it before tick 0). */
    boolean subscribed();

    /** Publishes tick {@code index}, then paces (real time, or lockstep with the node's results). */
    Tick publish(int index) throws InterruptedException;

    /** Ticks whose result did not come within the lockstep wait. */
    long lockstepTimeouts();

    @Override
    void close();
}
