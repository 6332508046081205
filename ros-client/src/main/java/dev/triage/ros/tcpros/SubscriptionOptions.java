package dev.triage.ros.tcpros;

/**
 * Settings of one subscription.
 *
 * @param queueSize       capacity of the callback queue (oldest dropped when full), at least 1
 * @param tcpNoDelay      whether to ask publishers for TCP_NODELAY (lower latency for small messages)
 * @param maxMessageBytes largest message accepted; a bigger one drops the connection before allocation
 * @param bodyTimeout     a message whose bytes stop arriving for this long (or take longer than this plus one second
 *                        per MiB) drops the connection, which is then made again
 */
public record SubscriptionOptions(int queueSize, boolean tcpNoDelay, int maxMessageBytes, java.time.Duration bodyTimeout) {

    /** 64 MiB, room for a 4K bgra8 frame. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;

    public SubscriptionOptions {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be at least 1, got " + queueSize);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, got " + maxMessageBytes);
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive, got " + bodyTimeout);
        }
    }

    /** Default body timeout: 5 s. */
    public static final java.time.Duration DEFAULT_BODY_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** Queue of 1 (latest message wins), TCP_NODELAY on, the default size cap and body timeout. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(1, true, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_BODY_TIMEOUT);
    }

    /** A copy with another queue size. */
    public SubscriptionOptions withQueueSize(int n) {
        return new SubscriptionOptions(n, tcpNoDelay, maxMessageBytes, bodyTimeout);
    }

    /** A copy with another size cap. */
    public SubscriptionOptions withMaxMessageBytes(int n) {
        return new SubscriptionOptions(queueSize, tcpNoDelay, n, bodyTimeout);
    }

    /** A copy with TCP_NODELAY on or off. */
    public SubscriptionOptions withTcpNoDelay(boolean on) {
        return new SubscriptionOptions(queueSize, on, maxMessageBytes, bodyTimeout);
    }

    /** A copy with another body timeout. */
    public SubscriptionOptions withBodyTimeout(java.time.Duration timeout) {
        return new SubscriptionOptions(queueSize, tcpNoDelay, maxMessageBytes, timeout);
    }
}
