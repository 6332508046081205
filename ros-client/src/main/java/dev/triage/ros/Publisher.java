package dev.triage.ros;

import dev.triage.ros.msg.MessageType;
import dev.triage.ros.tcpros.Publication;
import dev.triage.ros.tcpros.PublicationStats;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A topic this node publishes. {@link #publish} serializes once and queues the bytes for every subscriber; it never
 * blocks on the network. Thread-safe.
 *
 * <pre>{@code
 * Publisher<Float32> speed = node.advertise("/speed", StdMsgs.FLOAT32, PublisherOptions.defaults());
 * speed.publish(new Float32(13.9f));
 * }</pre>
 *
 * @param <T> the message record
 */
public final class Publisher<T> implements AutoCloseable {

    private final Publication publication;
    private final MessageType<T> type;
    private final Consumer<Publication> onClose;
    private final boolean latch;
    private final AtomicBoolean closed = new AtomicBoolean();

    Publisher(Publication publication, MessageType<T> type, boolean latch, Consumer<Publication> onClose) {
        this.publication = publication;
        this.type = type;
        this.latch = latch;
        this.onClose = onClose;
    }

    /** Publishes {@code message}; skipped (but counted) when nobody subscribes and the topic is not latched. */
    public void publish(T message) {
        if (closed.get()) {
            throw new IllegalStateException(publication.topic() + " is no longer advertised");
        }
        if (!latch && publication.subscriberCount() == 0) {
            publication.countUnsent();
            return;
        }
        publication.publish(type.serializeFramed(message));
    }

    /** The topic. */
    public String topic() {
        return publication.topic();
    }

    /** Whether anybody subscribes now (lets callers build debug outputs lazily). */
    public boolean hasSubscribers() {
        return publication.subscriberCount() > 0;
    }

    /** Subscribers connected now. */
    public int subscriberCount() {
        return publication.subscriberCount();
    }

    /** Counters: published, sent, dropped (slow subscribers), subscribers. */
    public PublicationStats stats() {
        return publication.stats();
    }

    /** Unregisters from the master and disconnects every subscriber. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            onClose.accept(publication);
        }
    }
}
