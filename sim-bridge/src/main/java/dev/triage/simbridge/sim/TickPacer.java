package dev.triage.simbridge.sim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces a simulated drive after each published tick, as {@link CarlaSimOptions} says: in lockstep, waiting until the
 * node's result for the tick was seen ({@link #resultSeen}, fed by whatever transport subscribes to the node's
 * context), at most {@code lockstepWait} (a timeout is counted); else sleeping to keep the realtime factor (0: no
 * sleep). Thread-safe for {@link #resultSeen}; {@link #after} is called by one publishing thread.
 */
public final class TickPacer {
    private final Duration step;
    private final double realtimeFactor;
    private final boolean lockstep;
    private final Duration lockstepWait;
    private final AtomicLong lastResultStamp = new AtomicLong(Long.MIN_VALUE);
    private final Object resultSignal = new Object();
    private long lockstepTimeouts;
    private long wallStart;

    /** The pacing of {@code options}; lockstep when it names a result topic. */
    public TickPacer(CarlaSimOptions options) {
        this.step = options.step();
        this.realtimeFactor = options.realtimeFactor();
        this.lockstep = options.lockstepTopic().isPresent();
        this.lockstepWait = options.lockstepWait();
    }

    /** A result of the node for the image stamped {@code stampNanos} came out. */
    public void resultSeen(long stampNanos) {
        lastResultStamp.accumulateAndGet(stampNanos, Math::max);
        synchronized (resultSignal) {
            resultSignal.notifyAll();
        }
    }

    /** Waits as the pace requires after tick {@code index} stamped {@code stampNanos}; true if its result came. */
    public boolean after(int index, long stampNanos) throws InterruptedException {
        if (lockstep) {
            long deadline = System.nanoTime() + lockstepWait.toNanos();
            synchronized (resultSignal) {
                while (lastResultStamp.get() < stampNanos) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        lockstepTimeouts++;
                        return false;
                    }
                    resultSignal.wait(Math.max(1, left / 1_000_000));
                }
            }
            return true;
        }
        if (realtimeFactor > 0) {
            if (index == 0 || wallStart == 0) {
                wallStart = System.nanoTime() - (long) (index * step.toNanos() / realtimeFactor);
            }
            long due = wallStart + (long) ((index + 1) * step.toNanos() / realtimeFactor);
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        return false;
    }

    /** Restarts real-time pacing from now (after a pause). */
    public void reset() {
        wallStart = 0;
    }

    /** Ticks whose result did not come within the lockstep wait. */
    public long lockstepTimeouts() {
        return lockstepTimeouts;
    }
}
