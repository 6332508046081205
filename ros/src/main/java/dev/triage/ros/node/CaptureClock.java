package dev.triage.ros.node;

import dev.triage.ros.RosClock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Estimates when an image was captured, on {@link System#nanoTime()}, so that the frame's deadline (capture plus
 * budget) includes the time the image spent in the camera driver and on the wire: capture = arrival minus the
 * header stamp's age on the node's ROS clock (wall time, or {@code /clock} with use_sim_time). A stamp of zero, a
 * sim clock that has not ticked yet, a stamp in the future or one older than the plausibility bound (for example
 * a bag played without {@code --clock}) is not trusted: the arrival time is used and the frame counted.
 */
public final class CaptureClock {

    private final RosClock rosClock;
    private final LongSupplier mono;
    private final long maxAgeNanos;
    private final AtomicLong untrusted = new AtomicLong();

    /**
     * @param rosClock    the node's ROS clock
     * @param mono        the monotonic clock of the pipeline ({@code System::nanoTime})
     * @param maxAgeNanos oldest stamp age taken at face value
     */
    public CaptureClock(RosClock rosClock, LongSupplier mono, long maxAgeNanos) {
        this.rosClock = rosClock;
        this.mono = mono;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The estimated capture instant on the monotonic clock of an image stamped {@code stampNanos}, arriving now. */
    public long captureMonoNanos(long stampNanos) {
        long arrival = mono.getAsLong();
        long now = rosClock.nowNanos();
        if (stampNanos == 0 || now == 0) {
            untrusted.incrementAndGet();
            return arrival;
        }
        long age = now - stampNanos;
        if (age < 0) {
            // a stamp slightly ahead: clocks of two machines, or a sim stamp ahead of the last /clock tick
            if (-age > maxAgeNanos) {
                untrusted.incrementAndGet();
            }
            return arrival;
        }
        if (age > maxAgeNanos) {
            untrusted.incrementAndGet();
            return arrival;
        }
        return arrival - age;
    }

    /** Frames whose stamp was not trusted as the capture instant. */
    public long untrustedStamps() {
        return untrusted.get();
    }
}
