package dev.triage.simbridge.time;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sim-time accounting of a synchronous simulator (CARLA's fixed 0.05 s step): every {@code /clock} tick is resolved
 * exactly once, as {@code on_time} (a result for the tick's image went out before the sim clock passed the tick plus
 * the budget), {@code missed} (the image came, but no result before that sim deadline: dropped, still busy or late),
 * {@code failed} (the image could not be processed) or {@code no_image} (no image with that stamp came at all).
 * Only the sim clock resolves ticks, never wall time, so a stopped simulator (a pause of {@code /clock}) raises no
 * miss. Stamps match within {@link #STAMP_TOLERANCE_NANOS}. Thread-safe.
 *
 * <pre>{@code
 * SimTickLedger ledger = new SimTickLedger(50_000_000L);
 * ledger.clock(t); ledger.image(t); ledger.result(t);   // on time
 * ledger.clock(t + 100_000_000L);                        // nothing pending: no miss
 * }</pre>
 */
public final class SimTickLedger {

    /** Image, result and tick stamps closer than this are the same tick (float-seconds rounding in bridges). */
    public static final long STAMP_TOLERANCE_NANOS = 1_000_000L;
    /** Unresolved ticks kept at most; older ones are resolved as missed (a clock that runs far ahead). */
    static final int MAX_PENDING = 4096;
    private static final int MAX_RESOLVED = 256;

    /** Counts since start. {@code lateResults} counts results for ticks already resolved as missed. */
    public record Counts(long ticks, long onTime, long missed, long failed, long noImage, long pending,
                         long lateResults, long clockResets, long simNowNanos) {
    }

    private static final class Tick {
        boolean image;
    }

    private final long budgetNanos;
    private final TreeMap<Long, Tick> pending = new TreeMap<>();
    /** Recently resolved tick stamps: a /clock message may arrive after its image was already processed. */
    private final TreeSet<Long> resolved = new TreeSet<>();
    private long simNow;
    private long ticks;
    private long onTime;
    private long missed;
    private long failed;
    private long noImage;
    private long lateResults;
    private long clockResets;

    /** @param budgetNanos the per-tick budget in sim time */
    public SimTickLedger(long budgetNanos) {
        if (budgetNanos <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budgetNanos);
        }
        this.budgetNanos = budgetNanos;
    }

    /**
     * A {@code /clock} message: a later time opens a tick and resolves every tick whose sim deadline passed; time
     * zero is ignored.
     */
    public synchronized void clock(long simNanos) {
        if (simNanos <= 0) {
            return;  // time zero: the simulator has not started (invalid in ROS as in roscpp)
        }
        if (simNanos < simNow - STAMP_TOLERANCE_NANOS) {
            // the simulator was restarted or the bag looped: nothing pending can be judged any more
            clockResets++;
            pending.clear();
        } else if (simNanos <= simNow + STAMP_TOLERANCE_NANOS && simNow != 0) {
            return;  // the same tick again
        }
        simNow = simNanos;
        if (find(simNanos) == null && !recentlyResolved(simNanos)) {
            pending.put(simNanos, new Tick());
            ticks++;
        }
        resolveExpired();
    }

    /** An image stamped {@code stampNanos} arrived (before or after its tick's clock message). */
    public synchronized void image(long stampNanos) {
        Map.Entry<Long, Tick> e = find(stampNanos);
        if (e != null) {
            e.getValue().image = true;
        } else if (stampNanos + budgetNanos >= simNow && !recentlyResolved(stampNanos)) {
            // the image came before its /clock message: open the tick now
            Tick t = new Tick();
            t.image = true;
            pending.put(stampNanos, t);
            ticks++;
            trim();
        }
        // else: an image for a tick that already expired (counted when it expired)
    }

    /** A result for the image stamped {@code stampNanos} went out. */
    public synchronized void result(long stampNanos) {
        resolve(stampNanos, true);
    }

    /** The image stamped {@code stampNanos} produced no result (decode or inference failure). */
    public synchronized void failed(long stampNanos) {
        resolve(stampNanos, false);
    }

    private void resolve(long stampNanos, boolean ok) {
        Map.Entry<Long, Tick> e = find(stampNanos);
        if (e == null) {
            if (ok) {
                lateResults++;
            }
            return;
        }
        pending.remove(e.getKey());
        resolved.add(e.getKey());
        if (resolved.size() > MAX_RESOLVED) {
            resolved.pollFirst();
        }
        if (ok) {
            onTime++;
        } else {
            failed++;
        }
    }

    private boolean recentlyResolved(long stamp) {
        Long lo = resolved.floor(stamp + STAMP_TOLERANCE_NANOS);
        return lo != null && lo >= stamp - STAMP_TOLERANCE_NANOS;
    }

    private Map.Entry<Long, Tick> find(long stamp) {
        Map.Entry<Long, Tick> lo = pending.floorEntry(stamp);
        Map.Entry<Long, Tick> hi = pending.ceilingEntry(stamp);
        boolean loClose = lo != null && stamp - lo.getKey() <= STAMP_TOLERANCE_NANOS;
        boolean hiClose = hi != null && hi.getKey() - stamp <= STAMP_TOLERANCE_NANOS;
        if (loClose && hiClose) {
            return stamp - lo.getKey() <= hi.getKey() - stamp ? lo : hi;
        }
        return loClose ? lo : hiClose ? hi : null;
    }

    private void resolveExpired() {
        while (!pending.isEmpty() && pending.firstKey() + budgetNanos < simNow) {
            expire(pending.pollFirstEntry().getValue());
        }
        trim();
    }

    private void trim() {
        while (pending.size() > MAX_PENDING) {
            expire(pending.pollFirstEntry().getValue());
        }
    }

    private void expire(Tick t) {
        if (t.image) {
            missed++;
        } else {
            noImage++;
        }
    }

    /** The counts now. */
    public synchronized Counts counts() {
        return new Counts(ticks, onTime, missed, failed, noImage, pending.size(), lateResults, clockResets, simNow);
    }
}
