package dev.triage.ros.tcpros;

import dev.triage.ros.msg.MessageType;

import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport side of one advertised topic: its subscriber links, the latched message and counters.
 * {@link #publish} serializes nothing and blocks on nothing; it hands one shared frame to every link's queue.
 */
public final class Publication {

    private final String topic;
    private final MessageType<?> type;
    private final String callerId;
    private final boolean latch;
    private final int queueSize;
    private final dev.triage.ros.ThreadPolicy threads;
    private final List<SubscriberLink> links = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong closedSent = new AtomicLong();
    private final AtomicLong closedDropped = new AtomicLong();
    private byte[] latched;
    private volatile boolean closed;

    /**
     * @param topic     resolved topic name
     * @param type      message type
     * @param callerId  this node's name
     * @param latch     whether new subscribers get the last message
     * @param queueSize per-subscriber queue capacity
     * @param threads   makes the subscriber links' writer threads
     */
    public Publication(String topic, MessageType<?> type, String callerId, boolean latch, int queueSize,
                       dev.triage.ros.ThreadPolicy threads) {
        this.threads = threads;
        this.topic = topic;
        this.type = type;
        this.callerId = callerId;
        this.latch = latch;
        this.queueSize = queueSize;
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The message type. */
    public MessageType<?> type() {
        return type;
    }

    /** Sends one framed message (see {@link MessageType#serializeFramed}) to every subscriber. */
    public synchronized void publish(byte[] framed) {
        if (closed) {
            return;
        }
        published.incrementAndGet();
        if (latch) {
            latched = framed;
        }
        for (SubscriberLink l : links) {
            l.offer(framed);
        }
    }

    /** Counts a message that was not serialized because nobody subscribes and the topic is not latched. */
    public void countUnsent() {
        published.incrementAndGet();
    }

    /** The header this publisher answers a valid subscriber with. */
    ConnectionHeader responseHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("callerid", callerId);
        h.put("latching", latch ? "1" : "0");
        h.put("md5sum", type.md5());
        h.put("message_definition", type.definition());
        h.put("topic", topic);
        h.put("type", type.name());
        return new ConnectionHeader(h);
    }

    /** Adds a subscriber whose handshake succeeded; it gets the latched message first. */
    synchronized SubscriberLink attach(Socket socket, String subscriber) {
        SubscriberLink link = new SubscriberLink(socket, topic, subscriber, queueSize, this::detach, threads);
        if (closed) {
            link.close();
            return link;
        }
        links.add(link);
        if (latch && latched != null) {
            link.offer(latched);
        }
        link.start();
        return link;
    }

    private void detach(SubscriberLink link) {
        if (links.remove(link)) {
            closedSent.addAndGet(link.sent());
            closedDropped.addAndGet(link.dropped());
        }
    }

    /** Subscribers connected now. */
    public int subscriberCount() {
        return links.size();
    }

    /** Counters. */
    public PublicationStats stats() {
        long sent = closedSent.get();
        long dropped = closedDropped.get();
        for (SubscriberLink l : links) {
            sent += l.sent();
            dropped += l.dropped();
        }
        return new PublicationStats(published.get(), sent, dropped, links.size());
    }

    /** Connections for getBusInfo. */
    public List<BusConnection> connections() {
        List<BusConnection> out = new ArrayList<>();
        for (SubscriberLink l : links) {
            out.add(l.describe());
        }
        return out;
    }

    /** Disconnects every subscriber; later publishes are ignored. */
    public void close() {
        synchronized (this) {
            closed = true;
            latched = null;
        }
        for (SubscriberLink l : links) {
            l.close();
        }
    }
}
