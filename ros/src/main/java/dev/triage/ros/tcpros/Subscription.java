package dev.triage.ros.tcpros;

import dev.triage.ros.msg.MessageType;
import dev.triage.ros.xmlrpc.XmlRpcClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The transport side of one subscribed topic: one {@link PublisherLink} per publisher the master reports
 * (registerSubscriber, publisherUpdate), a bounded drop-oldest queue of decoded messages, and one dispatcher thread
 * that calls the callback in arrival order.
 *
 * @param <T> the message record
 */
public final class Subscription<T> {

    private static final System.Logger LOG = System.getLogger(Subscription.class.getName());

    private final String topic;
    private final MessageType<T> type;
    private final String callerId;
    private final SubscriptionOptions options;
    private final Consumer<? super T> callback;
    private final XmlRpcClient rpc;
    private final DropOldestQueue<T> queue;
    private final Map<String, PublisherLink> links = new LinkedHashMap<>();
    private final Thread dispatcher;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param topic    resolved topic name
     * @param type     message type
     * @param callerId this node's name
     * @param options  queue, TCP_NODELAY and size cap
     * @param callback called on the dispatcher thread for every message that is not dropped
     * @param rpc      for requestTopic calls to publishers
     */
    public Subscription(String topic, MessageType<T> type, String callerId, SubscriptionOptions options,
                        Consumer<? super T> callback, XmlRpcClient rpc) {
        this.topic = topic;
        this.type = type;
        this.callerId = callerId;
        this.options = options;
        this.callback = callback;
        this.rpc = rpc;
        this.queue = new DropOldestQueue<>(options.queueSize());
        this.dispatcher = new Thread(this::dispatchLoop, "ros-sub-" + topic);
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The message type. */
    public MessageType<T> type() {
        return type;
    }

    String callerId() {
        return callerId;
    }

    SubscriptionOptions options() {
        return options;
    }

    int maxMessageBytes() {
        return options.maxMessageBytes();
    }

    ConnectionHeader requestHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("callerid", callerId);
        h.put("topic", topic);
        h.put("type", type.name());
        h.put("md5sum", type.md5());
        h.put("message_definition", type.definition());
        h.put("tcp_nodelay", options.tcpNoDelay() ? "1" : "0");
        return new ConnectionHeader(h);
    }

    /** Reconciles the links with the master's current publisher list: connects new ones, drops vanished ones. */
    public synchronized void updatePublishers(Collection<String> publisherUris) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(publisherUris);
        links.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        for (String uri : publisherUris) {
            if (!links.containsKey(uri)) {
                PublisherLink link = new PublisherLink(this, uri, rpc);
                links.put(uri, link);
                link.start();
            }
        }
    }

    /** Decodes one payload and queues it for the callback. */
    void deliver(byte[] payload) {
        T msg = type.deserialize(payload);
        received.incrementAndGet();
        queue.offer(msg);
    }

    private void dispatchLoop() {
        while (!closed) {
            try {
                T msg = queue.poll(250, TimeUnit.MILLISECONDS);
                if (msg != null) {
                    callback.accept(msg);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (callbackErrors.incrementAndGet() <= 10) {
                    LOG.log(System.Logger.Level.WARNING, "subscriber callback on " + topic + " failed", e);
                }
            }
        }
    }

    void countOversized() {
        oversized.incrementAndGet();
    }

    void countMalformed() {
        malformed.incrementAndGet();
    }

    void countRefused() {
        refused.incrementAndGet();
    }

    void countConnect() {
        connects.incrementAndGet();
    }

    /** Slave URIs of the publishers this subscription follows. */
    public synchronized List<String> publisherUris() {
        return new ArrayList<>(links.keySet());
    }

    /** Counters. */
    public synchronized SubscriptionStats stats() {
        int up = 0;
        for (PublisherLink l : links.values()) {
            up += l.isConnected() ? 1 : 0;
        }
        return new SubscriptionStats(received.get(), queue.dropped(), oversized.get(), malformed.get(), refused.get(),
                connects.get(), up);
    }

    /** Callbacks that threw. */
    public long callbackErrors() {
        return callbackErrors.get();
    }

    /** Connections for getBusInfo. */
    public synchronized List<BusConnection> connections() {
        List<BusConnection> out = new ArrayList<>();
        for (PublisherLink l : links.values()) {
            out.add(l.describe());
        }
        return out;
    }

    /** Drops every link and stops the dispatcher. */
    public synchronized void close() {
        closed = true;
        for (PublisherLink l : links.values()) {
            l.close();
        }
        links.clear();
        queue.close();
        dispatcher.interrupt();
    }
}
