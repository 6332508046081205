package dev.triage.perception.pipeline;

/**
 * Lets worker lanes pass one point of their frame's work strictly in ticket order (0, 1, 2, ...), whichever lane
 * holds which ticket. Every ticket must be passed exactly once ({@link #pass}), or later tickets wait forever; the
 * worker passes it in a {@code finally}. With one lane every wait returns at once.
 */
final class FrameTurns {
    private long next;

    /** Waits until it is {@code ticket}'s turn; returns the nanoseconds waited. */
    synchronized long await(long ticket) throws InterruptedException {
        long t0 = System.nanoTime();
        while (next != ticket) {
            wait();
        }
        return System.nanoTime() - t0;
    }

    /** Ends {@code ticket}'s turn (call after {@link #await}): the next ticket may go. */
    synchronized void pass(long ticket) {
        if (ticket != next) {
            throw new IllegalStateException("ticket " + ticket + " passed out of turn (turn of " + next + ")");
        }
        next = ticket + 1;
        notifyAll();
    }
}
