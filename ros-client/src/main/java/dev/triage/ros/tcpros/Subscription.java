package dev.triage.ros.tcpros;

import dev.triage.ros.ThreadPolicy;
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
 * (registerSubscriber, publisherUpdate; at most {@link #MAX_PUBLISHERS}), a bounded drop-oldest queue of decoded
 * messages, and one dispatcher thread that calls the callback in arrival order. A publisher the master stops listing
 * is dropped unless its link is connected: then the link stays until its connection breaks (a restarted master
 * lists no rospy or roscpp publisher, since those do not register again; roscpp keeps such links too).
 *
 * @param <T> the message record
 */
public final class Subscription<T> {

    /** Publishers followed at most; a longer list (from a broken or hostile master) is cut, with a warning. */
    public static final int MAX_PUBLISHERS = 64;

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
    private final AtomicLong badHeaders = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong overBudget = new AtomicLong();
    private final ThreadPolicy threads;
    private final MemoryBudget budget;
    private volatile boolean closed;

    /**
     * @param topic    resolved topic name
     * @param type     message type
     * @param callerId this node's name
     * @param options  queue, TCP_NODELAY and size cap
     * @param callback called on the dispatcher thread for every message that is not dropped
     * @param rpc      for requestTopic calls to publishers
     * @param threads  makes and supervises the dispatcher and link threads
     * @param budget   the node's in-flight budget for message bytes being read
     */
    public Subscription(String topic, MessageType<T> type, String callerId, SubscriptionOptions options,
                        Consumer<? super T> callback, XmlRpcClient rpc, ThreadPolicy threads, MemoryBudget budget) {
        this.threads = threads;
        this.budget = budget;
        this.topic = topic;
        this.type = type;
        this.callerId = callerId;
        this.options = options;
        this.callback = callback;
        this.rpc = rpc;
        this.queue = new DropOldestQueue<>(options.queueSize());
        this.dispatcher = threads.supervise("ros-sub-" + topic, this::dispatchLoop, () -> !closed);
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

    ThreadPolicy threads() {
        return threads;
    }

    MemoryBudget budget() {
        return budget;
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

    /**
     * Reconciles the links with the master's current publisher list: connects new ones, drops vanished ones unless
     * they are connected (those end with their connection).
     */
    public synchronized void updatePublishers(Collection<String> publisherUris) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>(publisherUris);
        links.entrySet().removeIf(e -> {
            PublisherLink link = e.getValue();
            if (wanted.contains(e.getKey())) {
                link.setListed(true);
                return false;
            }
            if (link.isConnected()) {
                if (link.isListed()) {
                    LOG.log(System.Logger.Level.INFO, "the master no longer lists " + e.getKey() + " on " + topic
                            + " but its link is live (a restarted master?); keeping it until it breaks");
                }
                link.setListed(false);
                return false;
            }
            link.close();
            return true;
        });
        int cut = 0;
        for (String uri : new java.util.LinkedHashSet<>(publisherUris)) {
            if (!links.containsKey(uri)) {
                if (links.size() >= MAX_PUBLISHERS) {
                    cut++;
                    continue;
                }
                PublisherLink link = new PublisherLink(this, uri, rpc);
                links.put(uri, link);
                link.start();
            }
        }
        if (cut > 0) {
            LOG.log(System.Logger.Level.WARNING, topic + ": " + cut + " publishers beyond the limit of "
                    + MAX_PUBLISHERS + " ignored");
        }
    }

    /** An unlisted link ended; forget it. */
    synchronized void linkEnded(PublisherLink link) {
        links.remove(link.publisherUri(), link);
    }

    /** Decodes one payload (the first {@code length} bytes of {@code bytes}) and queues it for the callback. */
    void deliver(byte[] bytes, int length) {
        T msg = type.deserialize(bytes, 0, length);
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

    void countBadHeader() {
        badHeaders.incrementAndGet();
    }

    void countTimeout() {
        timeouts.incrementAndGet();
    }

    void countOverBudget() {
        overBudget.incrementAndGet();
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
                connects.get(), up, badHeaders.get(), timeouts.get(), overBudget.get());
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
