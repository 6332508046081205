package dev.triage.ros.tcpros;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The stream of a socket whose SO_TIMEOUT is short ({@link #POLL_MS}): it turns the socket's per-read timeout into
 * deadlines a peer cannot stretch by sending a byte now and then. While no deadline is set, reads wait as long as
 * {@code open} stays true (a quiet publisher is fine between messages); with one set, a read fails with
 * {@link ReadTimeoutException} once the deadline has passed or no byte has arrived for the stall time.
 */
final class DeadlineInputStream extends FilterInputStream {

    /** The SO_TIMEOUT to give the socket. */
    static final int POLL_MS = 250;

    private final BooleanSupplier open;
    private long deadline;
    private long stallNanos;
    private long lastProgress;
    private boolean armed;
    private String what = "";

    DeadlineInputStream(InputStream in, BooleanSupplier open) {
        super(in);
        this.open = open;
    }

    /** From now on, reads must finish {@code what} within {@code totalNanos}, with no silence over {@code stallNanos}. */
    void expect(String what, long totalNanos, long stallNanos) {
        long now = System.nanoTime();
        this.what = what;
        this.deadline = now + totalNanos;
        this.stallNanos = stallNanos;
        this.lastProgress = now;
        this.armed = true;
    }

    /** Reads may wait without limit again (while {@code open}). */
    void relax() {
        armed = false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    lastProgress = System.nanoTime();
                }
                return n;
            } catch (SocketTimeoutException e) {
                if (!open.getAsBoolean()) {
                    throw new InterruptedIOException("connection closed locally");
                }
                if (armed) {
                    long now = System.nanoTime();
                    if (now - deadline > 0) {
                        throw new ReadTimeoutException(what + " not complete within its deadline");
                    }
                    if (now - lastProgress > stallNanos) {
                        throw new ReadTimeoutException(what + ": no data for " + stallNanos / 1_000_000 + " ms");
                    }
                }
            }
        }
    }

    /** A deadline or stall time passed; the connection is given up. */
    static final class ReadTimeoutException extends IOException {
        ReadTimeoutException(String message) {
            super(message);
        }
    }
}
