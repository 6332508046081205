package dev.triage.ros.tcpros;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget for message bytes being read (all links together): a link grows its buffer only as bytes
 * arrive and only while the budget allows, so announced sizes cost nothing and many slow or stuck publishers cannot
 * add up to more than the budget. The first {@link #FREE_BYTES} of every message are granted without asking (bounded
 * by the number of links), so small messages are never refused.
 */
public final class MemoryBudget {

    /** Granted to every message without a budget check. */
    public static final int FREE_BYTES = 64 << 10;

    private final long limit;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    /** @param limit bytes; at least {@link #FREE_BYTES} */
    public MemoryBudget(long limit) {
        if (limit < FREE_BYTES) {
            throw new IllegalArgumentException("in-flight budget must be at least " + FREE_BYTES + " bytes: " + limit);
        }
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit (or are within the free first bytes); false when refused. */
    boolean tryReserve(long n, boolean free) {
        while (true) {
            long cur = inUse.get();
            if (!free && cur + n > limit) {
                refusals.incrementAndGet();
                return false;
            }
            if (inUse.compareAndSet(cur, cur + n)) {
                return true;
            }
        }
    }

    /** Gives {@code n} bytes back. */
    void release(long n) {
        inUse.addAndGet(-n);
    }

    /** Bytes held now. */
    public long inUse() {
        return inUse.get();
    }

    /** The limit. */
    public long limit() {
        return limit;
    }

    /** Reservations refused so far. */
    public long refusals() {
        return refusals.get();
    }
}
