package dev.triage.launch.output;

import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The overlay's hand-off from the worker thread to its own encoder thread: a bounded queue, and the thread (named
 * {@code triage-overlay}, a daemon) that drains it. In lossless mode a full queue makes the worker wait (and an
 * encoder thread that has died makes it give up on the frame); in real-time mode the oldest queued item is dropped
 * instead. Either way a frame that never reaches the encoder is released and counted in {@link #dropped()}.
 */
final class OverlayHandoff {
    /** An end marker, queued once by {@link #close()}; {@link #take()} answers it with null. */
    private static final OverlayItem END = OverlayItem.stamped(-1, -1, 0);

    /** The encoder thread's work: takes the items from the hand-off until {@link #take()} says the end. */
    @FunctionalInterface
    interface Drain {
        /**
         * Runs on the encoder thread until the end.
         *
         * @param handoff the queue to take the items from
         */
        void drain(OverlayHandoff handoff);
    }

    private final BlockingQueue<OverlayItem> queue;
    private final boolean lossless;
    private final Thread encoder;
    private final LatencyHistogram handoffNanos = new LatencyHistogram();
    private final AtomicLong blockedNanos = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Starts the encoder thread.
     *
     * @param capacity items queued between the worker and the encoder thread
     * @param lossless true to make the worker wait for a full queue, false to drop the oldest queued item
     * @param drain    what the encoder thread runs
     */
    OverlayHandoff(int capacity, boolean lossless, Drain drain) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lossless = lossless;
        this.encoder = new Thread(() -> drain.drain(this), "triage-overlay");
        this.encoder.setDaemon(true);
        this.encoder.start();
    }

    /**
     * Queues an item (worker thread); records the time since {@code t0}, the pixel copy included.
     *
     * @param item the item, released here when it is dropped
     * @param t0   {@link System#nanoTime()} when the worker began with the frame
     */
    void hand(OverlayItem item, long t0) {
        try {
            if (lossless) {
                long w0 = System.nanoTime();
                while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    if (!encoder.isAlive()) {
                        drop(item);
                        return;
                    }
                }
                blockedNanos.addAndGet(System.nanoTime() - w0);
            } else {
                while (!queue.offer(item)) {
                    OverlayItem oldest = queue.poll();
                    if (oldest != null) {
                        drop(oldest);
                    }
                }
            }
        } catch (InterruptedException e) {
            drop(item);
            Thread.currentThread().interrupt();
        } finally {
            handoffNanos.record(System.nanoTime() - t0);
        }
    }

    private void drop(OverlayItem item) {
        item.release();
        dropped.incrementAndGet();
    }

    /**
     * The next item (encoder thread), waiting for one.
     *
     * @return the item, or null once {@link #close()} has ended the queue
     * @throws InterruptedException when the encoder thread is interrupted
     */
    OverlayItem take() throws InterruptedException {
        OverlayItem item = queue.take();
        return item == END ? null : item;
    }

    /** Ends the queue once the encoder thread has room for the end marker, and waits for that thread to finish. */
    void close() {
        try {
            while (encoder.isAlive() && !queue.offer(END, 200, TimeUnit.MILLISECONDS)) {
                // the encoder drains the queue; wait for a free slot
            }
            encoder.join();
        } catch (InterruptedException e) {
            encoder.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** Items that never reached the encoder thread. */
    long dropped() {
        return dropped.get();
    }

    /** Per-frame cost on the worker thread: copy and queue, any wait included. */
    LatencySummary handoff() {
        return handoffNanos.summary();
    }

    /** Total time the worker waited for a full queue, in milliseconds. */
    double blockedMs() {
        return blockedNanos.get() / 1e6;
    }
}
