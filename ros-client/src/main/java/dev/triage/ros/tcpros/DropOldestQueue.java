package dev.triage.ros.tcpros;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A bounded FIFO whose {@link #offer} never blocks: when full, the oldest element is dropped and counted. Used for
 * every queue in the transport, so a slow peer costs dropped messages, never memory or publisher time.
 *
 * @param <T> element type
 */
public final class DropOldestQueue<T> {

    private final ArrayDeque<T> items;
    private final int capacity;
    private long dropped;
    private boolean closed;

    /** @param capacity at least 1 */
    public DropOldestQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** Adds {@code item}, dropping the oldest element when full; ignored once closed. */
    public synchronized void offer(T item) {
        if (closed) {
            return;
        }
        if (items.size() == capacity) {
            items.pollFirst();
            dropped++;
        }
        items.addLast(item);
        notifyAll();
    }

    /**
     * Waits for the next element.
     *
     * @return the element, or null on timeout or when closed
     */
    public synchronized T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (items.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return items.pollFirst();
    }

    /** Elements dropped so far. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Elements waiting. */
    public synchronized int size() {
        return items.size();
    }

    /** Empties the queue and wakes waiters; later offers are ignored. */
    public synchronized void close() {
        closed = true;
        items.clear();
        notifyAll();
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }
}
