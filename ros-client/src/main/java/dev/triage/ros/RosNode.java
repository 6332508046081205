package dev.triage.ros;

import dev.triage.ros.master.MasterClient;
import dev.triage.ros.master.Registrar;
import dev.triage.ros.master.SlaveApi;
import dev.triage.ros.msg.MessageType;
import dev.triage.ros.tcpros.MemoryBudget;
import dev.triage.ros.tcpros.Publication;
import dev.triage.ros.tcpros.Subscription;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.ros.tcpros.TcpRosServer;
import dev.triage.ros.tcpros.TopicRegistry;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcServer;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A ROS 1 node in this JVM: the slave API (XML-RPC), a TCPROS server for its publications, and a registrar that
 * keeps its topics registered with the master across master restarts. Closing it unregisters everything. Its
 * threads follow one {@link ThreadPolicy} (a death is logged and counted, loops restart, OutOfMemoryError ends the
 * process), and the bytes of messages being read by all its subscriptions share one in-flight budget.
 *
 * <pre>{@code
 * try (RosNode node = RosNode.start(RosNodeConfig.of(URI.create("http://127.0.0.1:11311/"), "127.0.0.1", "/triage"))) {
 *     Publisher<Float32> pub = node.advertise("/speed", StdMsgs.FLOAT32, PublisherOptions.defaults());
 *     node.subscribe("/clock", RosgraphMsgs.CLOCK, SubscriptionOptions.defaults(), clock::update);
 *     pub.publish(new Float32(1f));
 * }
 * }</pre>
 */
public final class RosNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RosNode.class.getName());

    private final RosNodeConfig config;
    private final ThreadPolicy threads;
    private final MemoryBudget budget;
    private final TopicRegistry topics = new TopicRegistry();
    private final XmlRpcClient rpc;
    private final TcpRosServer tcpRos;
    private final XmlRpcServer slave;
    private final URI slaveUri;
    private final MasterClient master;
    private final Registrar registrar;
    private final AtomicReference<Consumer<String>> shutdownListener = new AtomicReference<>(reason -> { });
    private final AtomicBoolean closed = new AtomicBoolean();

    private RosNode(RosNodeConfig config, ThreadPolicy threads) throws IOException {
        this.config = config;
        this.threads = threads;
        this.budget = new MemoryBudget(config.maxInFlightBytes());
        this.rpc = new XmlRpcClient(config.rpcTimeout());
        this.tcpRos = new TcpRosServer(config.bindAddress(), config.nodeName(), topics::publication, threads);
        try {
            this.slave = new XmlRpcServer(config.bindAddress(), 0, new SlaveApi(config.nodeName(), config.masterUri(),
                    config.host(), tcpRos::port, topics, reason -> shutdownListener.get().accept(reason)), threads);
        } catch (IOException e) {
            tcpRos.close();
            throw e;
        }
        this.slaveUri = URI.create("http://" + hostForUri(config.host()) + ":" + slave.port() + "/");
        this.master = new MasterClient(rpc, config.masterUri(), config.nodeName());
        this.registrar = new Registrar(master, slaveUri, topics, config.masterPollInterval(), threads);
    }

    /**
     * Starts the node's servers and begins watching the master. The master need not be up yet: topics are
     * registered as soon as it answers.
     *
     * @throws IOException when the servers cannot bind
     */
    public static RosNode start(RosNodeConfig config) throws IOException {
        return start(config, ThreadPolicy.exitOnOutOfMemory());
    }

    /**
     * As {@link #start(RosNodeConfig)}, with the given thread policy (shared with the node runtime on top, so that
     * every thread death is counted in one place).
     *
     * @throws IOException when the servers cannot bind
     */
    public static RosNode start(RosNodeConfig config, ThreadPolicy threads) throws IOException {
        RosNode node = new RosNode(config, threads);
        node.registrar.start();
        LOG.log(System.Logger.Level.INFO, config.nodeName() + " up at " + node.slaveUri + ", master "
                + config.masterUri());
        return node;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Advertises {@code topic}.
     *
     * @param topic a global name (resolve {@code ~x} and relative names with {@link GraphNames#resolve})
     * @throws IllegalStateException when this node already advertises the topic or is closed
     */
    public <T> Publisher<T> advertise(String topic, MessageType<T> type, PublisherOptions options) {
        checkOpen();
        GraphNames.requireGlobal(topic, "topic");
        Publication pub = new Publication(topic, type, config.nodeName(), options.latch(), options.queueSize(),
                threads);
        topics.add(pub);
        registrar.register(pub);
        return new Publisher<>(pub, type, options.latch(), this::unadvertise);
    }

    /**
     * Subscribes {@code topic}; {@code callback} runs on the subscription's dispatcher thread.
     *
     * @param topic a global name
     * @throws IllegalStateException when this node already subscribes the topic or is closed
     */
    public <T> Subscriber<T> subscribe(String topic, MessageType<T> type, SubscriptionOptions options,
                                       Consumer<? super T> callback) {
        checkOpen();
        GraphNames.requireGlobal(topic, "topic");
        Objects.requireNonNull(callback, "callback");
        Subscription<T> sub = new Subscription<>(topic, type, config.nodeName(), options, callback, rpc, threads,
                budget);
        try {
            topics.add(sub);
        } catch (IllegalStateException e) {
            sub.close();
            throw e;
        }
        registrar.register(sub);
        return new Subscriber<>(sub, this::unsubscribe);
    }

    private void unadvertise(Publication pub) {
        if (topics.remove(pub)) {
            registrar.unregister(pub);
        }
        pub.close();
    }

    private void unsubscribe(Subscription<?> sub) {
        if (topics.remove(sub)) {
            registrar.unregister(sub);
        }
        sub.close();
    }

    /** Called with the reason when a peer calls the slave API's shutdown (rosnode kill); the caller decides. */
    public void onShutdownRequest(Consumer<String> listener) {
        shutdownListener.set(Objects.requireNonNull(listener));
    }

    /** The master API, acting as this node (parameters, graph state). */
    public MasterClient master() {
        return master;
    }

    /** This node's slave API URI, as registered with the master. */
    public URI slaveUri() {
        return slaveUri;
    }

    /** This node's global name. */
    public String name() {
        return config.nodeName();
    }

    /** Whether the last poll reached the master. */
    public boolean masterReachable() {
        return registrar.masterReachable();
    }

    /** How many times the node registered everything again (after master restarts or outages). */
    public long reRegistrations() {
        return registrar.reRegistrations();
    }

    /** The policy this node's threads follow; its {@link ThreadPolicy#threadsDied()} is errors.thread_died. */
    public ThreadPolicy threads() {
        return threads;
    }

    /** Bytes of incoming messages being read now, all subscriptions together. */
    public long inFlightBytes() {
        return budget.inUse();
    }

    /** Slave API and TCPROS connections closed for taking too long, evicted at a cap, or refused. */
    public long connectionsShed() {
        return slave.connectionsShed() + tcpRos.refusedConnections();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(config.nodeName() + " is closed");
        }
    }

    /** Unregisters every topic from the master, closes every connection and stops the servers. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        registrar.close();
        for (Publication p : topics.publications()) {
            unadvertise(p);
        }
        for (Subscription<?> s : topics.subscriptions()) {
            unsubscribe(s);
        }
        slave.close();
        tcpRos.close();
        LOG.log(System.Logger.Level.INFO, config.nodeName() + " shut down");
    }
}
