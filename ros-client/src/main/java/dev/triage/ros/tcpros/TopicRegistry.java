package dev.triage.ros.tcpros;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The topics one node publishes and subscribes, by resolved name; shared by the node, TCPROS and the slave API. */
public final class TopicRegistry {

    private final Map<String, Publication> publications = new ConcurrentHashMap<>();
    private final Map<String, Subscription<?>> subscriptions = new ConcurrentHashMap<>();

    /** The publication of {@code topic}, or null. */
    public Publication publication(String topic) {
        return publications.get(topic);
    }

    /** The subscription of {@code topic}, or null. */
    public Subscription<?> subscription(String topic) {
        return subscriptions.get(topic);
    }

    /** Every publication. */
    public List<Publication> publications() {
        return List.copyOf(publications.values());
    }

    /** Every subscription. */
    public List<Subscription<?>> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /**
     * Adds a publication.
     *
     * @throws IllegalStateException when the topic is already advertised by this node
     */
    public void add(Publication p) {
        if (publications.putIfAbsent(p.topic(), p) != null) {
            throw new IllegalStateException(p.topic() + " is already advertised by this node");
        }
    }

    /**
     * Adds a subscription.
     *
     * @throws IllegalStateException when the topic is already subscribed by this node
     */
    public void add(Subscription<?> s) {
        if (subscriptions.putIfAbsent(s.topic(), s) != null) {
            throw new IllegalStateException(s.topic() + " is already subscribed by this node");
        }
    }

    /** Removes a publication; true when it was registered. */
    public boolean remove(Publication p) {
        return publications.remove(p.topic(), p);
    }

    /** Removes a subscription; true when it was registered. */
    public boolean remove(Subscription<?> s) {
        return subscriptions.remove(s.topic(), s);
    }
}
