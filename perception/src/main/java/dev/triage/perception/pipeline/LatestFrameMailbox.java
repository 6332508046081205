package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A one-slot hand-over between a frame producer and a worker. {@link #offer} replaces a frame the worker has not
 * taken yet (live cameras: the newest frame wins and the replaced one is recorded as dropped); {@link #put} waits
 * for the slot instead (lossless replay). Replaced frames are remembered, up to a bound, so the worker can report
 * each one; beyond the bound they are still counted.
 */
public final class LatestFrameMailbox {
    private static final int MAX_REMEMBERED_DROPS = 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Frame> replaced = new ArrayList<>();
    private Frame slot;
    private boolean closed;
    private long replacedCount;
    private long forgottenCount;

    /**
     * Puts {@code frame} in the slot, replacing (and recording) any frame still there.
     *
     * @return false if the mailbox is closed and the frame was not accepted
     */
    public boolean offer(Frame frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (slot != null) {
                replacedCount++;
                if (replaced.size() < MAX_REMEMBERED_DROPS) {
                    replaced.add(slot);
                } else {
                    forgottenCount++;
                }
            }
            slot = frame;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the slot is empty, then puts {@code frame} in it. Never drops.
     *
     * @return false if the mailbox was closed before the frame could be placed
     */
    public boolean put(Frame frame) throws InterruptedException {
        lock.lock();
        try {
            while (slot != null && !closed) {
                changed.await();
            }
            if (closed) {
                return false;
            }
            slot = frame;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the frame in the slot, waiting up to {@code timeout}.
     *
     * @return the frame, or empty on timeout or when the mailbox is closed and drained
     */
    public Optional<Frame> poll(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (slot == null && !closed && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            Frame taken = slot;
            slot = null;
            changed.signalAll();
            return Optional.ofNullable(taken);
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the frames replaced since the last call, oldest first. */
    public List<Frame> drainReplaced() {
        return underLock(() -> {
            List<Frame> out = List.copyOf(replaced);
            replaced.clear();
            return out;
        });
    }

    /** Stops accepting frames; a frame already in the slot can still be taken. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called and the slot is empty. */
    public boolean isDrained() {
        return underLock(() -> closed && slot == null);
    }

    /** Frames replaced before the worker took them, since creation. */
    public long replacedCount() {
        return underLock(() -> replacedCount);
    }

    /** Replaced frames counted but not remembered individually because the memory bound was reached. */
    public long forgottenCount() {
        return underLock(() -> forgottenCount);
    }

    private <T> T underLock(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
