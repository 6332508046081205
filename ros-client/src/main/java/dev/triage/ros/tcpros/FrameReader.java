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
 * <p>
 * The buffer is reused from message to message (a camera's 2.7-6.2 MB images would otherwise cost a new array,
 * its zeroing and every doubling's copy per message): a {@link Payload} is valid only until the next call, so the
 * caller decodes it at once (every {@code MessageType} copies what it keeps). The budget is taken exactly as if
 * the buffer were new: reused capacity is granted only as bytes arrive. A buffer more than four times larger than
 * the message just read is dropped, so one large message does not pin memory on a link of small ones.
 */
final class FrameReader {

    private final DeadlineInputStream timing;
    private final InputStream in;
    private final int maxBytes;
    private final MemoryBudget budget;
    private final long bodyTimeoutNanos;
    private long held;
    private byte[] buf = new byte[0];

    /** One message: the first {@code length} bytes of {@code bytes}, valid until the reader's next call. */
    record Payload(byte[] bytes, int length) {
    }

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
    Payload next() throws IOException {
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
        int granted = Math.min(len, MemoryBudget.FREE_BYTES);
        budget.tryReserve(granted, true);
        held = granted;
        ensureCapacity(granted);
        int filled = 0;
        while (filled < len) {
            if (filled == granted) {
                int grown = (int) Math.min(len, granted * 2L);
                if (!budget.tryReserve(grown - granted, false)) {
                    throw new MessageBudgetException(len, budget.limit());
                }
                held += grown - granted;
                granted = grown;
                ensureCapacity(granted);
            }
            int n = in.read(buf, filled, granted - filled);
            if (n < 0) {
                throw new EOFException("connection closed after " + filled + " of " + len + " bytes");
            }
            filled += n;
        }
        timing.relax();
        byte[] bytes = buf;
        if (buf.length > 4L * Math.max(len, MemoryBudget.FREE_BYTES)) {
            buf = new byte[0];
        }
        return new Payload(bytes, len);
    }

    /** Grows the reused buffer to hold at least {@code capacity} bytes, keeping what it holds. */
    private void ensureCapacity(int capacity) {
        if (buf.length < capacity) {
            buf = Arrays.copyOf(buf, capacity);
        }
    }

    /** Gives the last message's bytes back to the budget; idempotent. */
    void release() {
        if (held > 0) {
            budget.release(held);
            held = 0;
        }
    }
}
