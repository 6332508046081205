package dev.triage.ros.master;

import dev.triage.ros.tcpros.Publication;
import dev.triage.ros.tcpros.Subscription;
import dev.triage.ros.tcpros.TopicRegistry;
import dev.triage.ros.xmlrpc.XmlRpcException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps this node's topics registered with the master. It polls the master's pid at a fixed interval; when the
 * master was unreachable, answers with a new pid (a restarted rosmaster), or a registration failed, it registers
 * every topic again, and a subscriber's publisher list is refreshed from the answer.
 */
public final class Registrar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Registrar.class.getName());

    private final MasterClient master;
    private final URI slaveUri;
    private final TopicRegistry topics;
    private final Duration interval;
    private final Object lock = new Object();
    private final AtomicLong reRegistrations = new AtomicLong();
    private final Thread poller;
    private volatile boolean reachable;
    private volatile boolean dirty;
    private volatile boolean closed;
    private int lastPid = Integer.MIN_VALUE;

    /**
     * @param master   the master client
     * @param slaveUri this node's slave API URI
     * @param topics   this node's topics
     * @param interval how often to poll the master
     * @param threads  supervises the polling thread (restarted if it ever dies)
     */
    public Registrar(MasterClient master, URI slaveUri, TopicRegistry topics, Duration interval,
                     dev.triage.ros.ThreadPolicy threads) {
        this.master = master;
        this.slaveUri = slaveUri;
        this.topics = topics;
        this.interval = interval;
        this.poller = threads.supervise("ros-master-watch", this::pollLoop, () -> !closed);
    }

    /** Checks the master once and starts polling. */
    public void start() {
        tick();
        poller.start();
    }

    /** Registers a publication; on failure it is registered when the master answers again. */
    public void register(Publication p) {
        register("publisher of " + p.topic(), () -> master.registerPublisher(p.topic(), p.type().name(), slaveUri));
    }

    /** Registers a subscription and connects to the publishers the master reports. */
    public void register(Subscription<?> s) {
        register("subscriber of " + s.topic(),
                () -> s.updatePublishers(master.registerSubscriber(s.topic(), s.type().name(), slaveUri)));
    }

    /** Unregisters a publication (best effort). */
    public void unregister(Publication p) {
        unregister("publisher of " + p.topic(), () -> master.unregisterPublisher(p.topic(), slaveUri));
    }

    /** Unregisters a subscription (best effort). */
    public void unregister(Subscription<?> s) {
        unregister("subscriber of " + s.topic(), () -> master.unregisterSubscriber(s.topic(), slaveUri));
    }

    /** One call to the master. */
    @FunctionalInterface
    private interface MasterCall {
        void run() throws XmlRpcException;
    }

    /** Makes {@code call}; on failure logs it and marks the topics for registering again once the master answers. */
    private void register(String what, MasterCall call) {
        synchronized (lock) {
            try {
                call.run();
            } catch (XmlRpcException e) {
                dirty = true;
                LOG.log(System.Logger.Level.WARNING, "cannot register " + what + " with " + master.masterUri()
                        + " (will retry): " + e.getMessage());
            }
        }
    }

    /** Makes {@code call}, logging a failure (best effort). */
    private void unregister(String what, MasterCall call) {
        synchronized (lock) {
            try {
                call.run();
            } catch (XmlRpcException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unregister " + what + ": " + e.getMessage());
            }
        }
    }

    /** Whether the last poll reached the master. */
    public boolean masterReachable() {
        return reachable;
    }

    /** How many times every topic was registered again (master restarts and recoveries). */
    public long reRegistrations() {
        return reRegistrations.get();
    }

    private void pollLoop() {
        while (!closed) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                tick();
            }
        }
    }

    /** One poll: re-registers everything after an outage, a new master or a failed registration. */
    void tick() {
        synchronized (lock) {
            int pid;
            try {
                pid = master.getPid();
            } catch (XmlRpcException e) {
                if (reachable) {
                    LOG.log(System.Logger.Level.WARNING, "master " + master.masterUri() + " unreachable: "
                            + e.getMessage());
                }
                reachable = false;
                return;
            }
            boolean fresh = !reachable || pid != lastPid || dirty;
            boolean firstContact = lastPid == Integer.MIN_VALUE;
            reachable = true;
            lastPid = pid;
            if (fresh && !firstContact) {
                reRegisterAll();
            } else if (dirty) {
                reRegisterAll();
            }
        }
    }

    private void reRegisterAll() {
        dirty = false;
        List<Publication> pubs = topics.publications();
        List<Subscription<?>> subs = topics.subscriptions();
        if (pubs.isEmpty() && subs.isEmpty()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "registering " + pubs.size() + " publications and " + subs.size()
                + " subscriptions with " + master.masterUri());
        reRegistrations.incrementAndGet();
        for (Publication p : pubs) {
            register(p);
        }
        for (Subscription<?> s : subs) {
            register(s);
        }
    }

    /** Stops polling (does not unregister anything). */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
    }
}
