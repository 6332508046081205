package dev.triage.ros;

import dev.triage.ros.tcpros.Subscription;
import dev.triage.ros.tcpros.SubscriptionStats;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A topic this node subscribes. Messages reach the callback on one dispatcher thread per subscriber, through a
 * bounded queue that drops the oldest message when the callback falls behind.
 *
 * <pre>{@code
 * Subscriber<Image> images = node.subscribe("/camera/image_raw", SensorMsgs.IMAGE,
 *         SubscriptionOptions.defaults(), img -> mailbox.offer(decoder.toFrame(img)));
 * }</pre>
 *
 * @param <T> the message record
 */
public final class Subscriber<T> implements AutoCloseable {

    private final Subscription<T> subscription;
    private final Consumer<Subscription<?>> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscriber(Subscription<T> subscription, Consumer<Subscription<?>> onClose) {
        this.subscription = subscription;
        this.onClose = onClose;
    }

    /** The topic. */
    public String topic() {
        return subscription.topic();
    }

    /** Counters: received, dropped, oversized, malformed, refused, connects, connected publishers. */
    public SubscriptionStats stats() {
        return subscription.stats();
    }

    /** Callbacks that threw (each is logged, the first ten in full). */
    public long callbackErrors() {
        return subscription.callbackErrors();
    }

    /** Unregisters from the master and disconnects from every publisher. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            onClose.accept(subscription);
        }
    }
}
