package dev.triage.ros;

/**
 * Settings of one advertised topic.
 *
 * @param latch     whether a new subscriber first gets the last message published
 * @param queueSize capacity of each subscriber connection's queue; the oldest message is dropped when full
 */
public record PublisherOptions(boolean latch, int queueSize) {

    public PublisherOptions {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be at least 1, got " + queueSize);
        }
    }

    /** Not latched, 8 messages per subscriber. */
    public static PublisherOptions defaults() {
        return new PublisherOptions(false, 8);
    }

    /** Latched, 8 messages per subscriber. */
    public static PublisherOptions latched() {
        return new PublisherOptions(true, 8);
    }
}
