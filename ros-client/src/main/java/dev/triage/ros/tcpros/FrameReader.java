package dev.triage.ros.tcpros;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the length-prefixed messages of one TCPROS connection without trusting the announced length: the size cap
 * is checked first ({@link OversizedMessageException}), then the buffer grows only as bytes arrive (64 KiB, doubling),
 * each growth taken from the node's {@link MemoryBudget} ({@link MessageBudgetException}); once the length is read
 * the body must arrive within the body timeout plus one second per MiB, with no silence longer than the body timeout
 * ({@link DeadlineInputStream.ReadTimeoutException}). Between messages the reader waits as long as the link is open.
 * Call {@link #release()} when done with a message, before the next {@link #next()}.
 */
final class FrameReader {

    private final DeadlineInputStream timing;
    private final InputStream in;
    private final int maxBytes;
    private final MemoryBudget budget;
    private final long bodyTimeoutNanos;
    private long held;

    /**
     * @param timing  the deadline layer under {@code in}
     * @param in      the (buffered) stream to read from
     * @param maxBytes largest message accepted
     */
    FrameReader(DeadlineInputStream timing, InputStream in, int maxBytes, MemoryBudget budget, long bodyTimeoutNanos) {
        this.timing = timing;
        this.in = in;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.bodyTimeoutNanos = bodyTimeoutNanos;
    }

    /** The next message's payload. */
    byte[] next() throws IOException {
        release();
        timing.relax();
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("publisher closed the connection");
        }
        timing.expect("message length", bodyTimeoutNanos, bodyTimeoutNanos);
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b1 | b2 | b3) < 0) {
            throw new EOFException("connection closed inside a message length");
        }
        int len = b0 | b1 << 8 | b2 << 16 | b3 << 24;
        if (len < 0 || len > maxBytes) {
            throw new OversizedMessageException(Integer.toUnsignedLong(len), maxBytes);
        }
        timing.expect("message body of " + len + " bytes", bodyTimeoutNanos + ((long) len >> 20) * 1_000_000_000L,
                bodyTimeoutNanos);
        int first = Math.min(len, MemoryBudget.FREE_BYTES);
        budget.tryReserve(first, true);
        held = first;
        byte[] buf = new byte[first];
        int filled = 0;
        while (filled < len) {
            if (filled == buf.length) {
                int grown = (int) Math.min(len, buf.length * 2L);
                if (!budget.tryReserve(grown - buf.length, false)) {
                    throw new MessageBudgetException(len, budget.limit());
                }
                held += grown - buf.length;
                buf = Arrays.copyOf(buf, grown);
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new EOFException("connection closed after " + filled + " of " + len + " bytes");
            }
            filled += n;
        }
        timing.relax();
        return buf;
    }

    /** Gives the last message's bytes back to the budget; idempotent. */
    void release() {
        if (held > 0) {
            budget.release(held);
            held = 0;
        }
    }
}
