package dev.triage.simbridge.sim;

import dev.triage.simbridge.CarlaTopics;

/**
 * The transport-free half of a {@link SimulatedBridge}: the synthetic drive, each tick's ground truth and the pacing
 * (real time, or lockstep with the node's results). A transport ({@link CarlaSimPublisher} for ROS 1, launch's
 * {@code Ros2CarlaSim} for ROS 2) writes one tick's messages and closes its writers.
 *
 * <pre>{@code
 * final class MyBridge extends TickedBridge {
 *     MyBridge(CarlaSimOptions o) { super(o); } // then create writers; feed pacer().resultSeen(stamp) in lockstep
 *     protected void write(CarlaDrive.Tick tick, TickTruth truth) { ... }
 *     public boolean subscribed() { ... }
 *     protected void closeTransport() { ... }
 * }
 * }</pre>
 */
public abstract class TickedBridge implements SimulatedBridge {

    private final CarlaDrive drive;
    private final TickPacer pacer;
    private final CarlaTopics topics;

    /** Opens the drive of {@code options}. */
    protected TickedBridge(CarlaSimOptions options) {
        this.drive = new CarlaDrive(options);
        this.pacer = new TickPacer(options);
        this.topics = options.topics();
    }

    /** The pacer, which the lockstep subscription tells about each result it sees. */
    protected final TickPacer pacer() {
        return pacer;
    }

    /** The bridge's topic and frame names. */
    protected final CarlaTopics topics() {
        return topics;
    }

    @Override
    public final int ticks() {
        return drive.ticks();
    }

    /** The sim time of tick {@code index}. */
    public final long stampOf(int index) {
        return drive.stampOf(index);
    }

    @Override
    public final long lockstepTimeouts() {
        return pacer.lockstepTimeouts();
    }

    /** Restarts real-time pacing from now (after a pause). */
    public final void resetPace() {
        pacer.reset();
    }

    /**
     * Publishes tick {@code index} (see {@link #write}), then paces: in lockstep it waits for the node's result for
     * this tick; else it sleeps to keep the realtime factor.
     */
    @Override
    public final Tick publish(int index) throws InterruptedException {
        CarlaDrive.Tick tick = drive.tick(index);
        TickTruth truth = TickTruth.of(drive, tick, topics);
        write(tick, truth);
        boolean seen = pacer.after(index, tick.stampNanos());
        return new Tick(index, tick.stampNanos(), tick.scene(), truth.objects().objects().size(), seen);
    }

    /** Writes one tick: /clock first, then tf, camera_info, the bgra8 image, the speedometer and the objects. */
    protected abstract void write(CarlaDrive.Tick tick, TickTruth truth);

    /** Closes the transport's writers and readers; the drive closes after. */
    protected abstract void closeTransport();

    @Override
    public final void close() {
        closeTransport();
        drive.close();
    }
}
