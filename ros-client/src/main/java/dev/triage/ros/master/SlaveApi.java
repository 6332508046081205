package dev.triage.ros.master;

import dev.triage.ros.tcpros.BusConnection;
import dev.triage.ros.tcpros.Publication;
import dev.triage.ros.tcpros.PublicationStats;
import dev.triage.ros.tcpros.Subscription;
import dev.triage.ros.tcpros.TopicRegistry;
import dev.triage.ros.xmlrpc.XmlRpcFault;
import dev.triage.ros.xmlrpc.XmlRpcHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The node's slave API, answered over XML-RPC: requestTopic (TCPROS only), publisherUpdate, getPid, getBusInfo,
 * getBusStats, getSubscriptions, getPublications, getMasterUri, shutdown and paramUpdate (accepted, ignored: this
 * node subscribes to no parameters).
 */
public final class SlaveApi implements XmlRpcHandler {

    private static final System.Logger LOG = System.getLogger(SlaveApi.class.getName());

    private final String callerId;
    private final URI masterUri;
    private final String host;
    private final IntSupplier tcpRosPort;
    private final TopicRegistry topics;
    private final Consumer<String> shutdown;

    /**
     * @param callerId   this node's name
     * @param masterUri  the master this node uses
     * @param host       the host or IP that peers should connect to
     * @param tcpRosPort the TCPROS server's port
     * @param topics     this node's topics
     * @param shutdown   told the reason when a peer calls shutdown
     */
    public SlaveApi(String callerId, URI masterUri, String host, IntSupplier tcpRosPort, TopicRegistry topics,
                    Consumer<String> shutdown) {
        this.callerId = callerId;
        this.masterUri = masterUri;
        this.host = host;
        this.tcpRosPort = tcpRosPort;
        this.topics = topics;
        this.shutdown = shutdown;
    }

    @Override
    public Object handle(String method, List<Object> p) throws XmlRpcFault {
        return switch (method) {
            case "requestTopic" -> requestTopic(str(p, 1), p.size() > 2 ? p.get(2) : List.of());
            case "publisherUpdate" -> publisherUpdate(str(p, 1), p.size() > 2 ? p.get(2) : List.of());
            case "getPid" -> ok(ProcessHandle.current().pid() > Integer.MAX_VALUE ? -1
                    : (int) ProcessHandle.current().pid());
            case "getMasterUri" -> ok(masterUri.toString());
            case "getPublications" -> ok(typeList(true));
            case "getSubscriptions" -> ok(typeList(false));
            case "getBusInfo" -> ok(busInfo());
            case "getBusStats" -> ok(busStats());
            case "shutdown" -> {
                String reason = p.size() > 1 ? String.valueOf(p.get(1)) : "";
                LOG.log(System.Logger.Level.INFO, "shutdown requested by " + (p.isEmpty() ? "?" : p.get(0)) + ": "
                        + reason);
                shutdown.accept(reason);
                yield ok(0);
            }
            case "paramUpdate" -> ok(0);
            default -> throw new XmlRpcFault(-1, "method " + method + " is not supported by " + callerId);
        };
    }

    private Object requestTopic(String topic, Object protocols) {
        Publication pub = topics.publication(topic);
        if (pub == null) {
            return List.of(-1, "not a publisher of [" + topic + "]", List.of());
        }
        if (protocols instanceof List<?> list) {
            for (Object proto : list) {
                if (proto instanceof List<?> pl && !pl.isEmpty() && "TCPROS".equals(pl.get(0))) {
                    return List.of(1, "ready on " + host + ":" + tcpRosPort.getAsInt(),
                            List.of("TCPROS", host, tcpRosPort.getAsInt()));
                }
            }
        }
        return List.of(0, "no supported protocol (this node speaks TCPROS only)", List.of());
    }

    private Object publisherUpdate(String topic, Object publishers) {
        Subscription<?> sub = topics.subscription(topic);
        if (sub != null && publishers instanceof List<?> list) {
            List<String> uris = new ArrayList<>();
            for (Object o : list) {
                uris.add(String.valueOf(o));
            }
            sub.updatePublishers(uris);
        }
        return ok(0);
    }

    private List<Object> typeList(boolean publications) {
        List<Object> out = new ArrayList<>();
        if (publications) {
            for (Publication pub : topics.publications()) {
                out.add(List.of(pub.topic(), pub.type().name()));
            }
        } else {
            for (Subscription<?> sub : topics.subscriptions()) {
                out.add(List.of(sub.topic(), sub.type().name()));
            }
        }
        return out;
    }

    private List<Object> busInfo() {
        List<Object> out = new ArrayList<>();
        for (Publication pub : topics.publications()) {
            for (BusConnection c : pub.connections()) {
                out.add(List.of(c.id(), c.peer(), c.direction(), "TCPROS", c.topic(), c.connected(), ""));
            }
        }
        for (Subscription<?> sub : topics.subscriptions()) {
            for (BusConnection c : sub.connections()) {
                out.add(List.of(c.id(), c.peer(), c.direction(), "TCPROS", c.topic(), c.connected(), ""));
            }
        }
        return out;
    }

    private List<Object> busStats() {
        List<Object> pubStats = new ArrayList<>();
        for (Publication pub : topics.publications()) {
            List<Object> conns = new ArrayList<>();
            long bytes = 0;
            for (BusConnection c : pub.connections()) {
                conns.add(List.of(c.id(), saturate(c.bytes()), saturate(c.messages()), c.connected()));
                bytes += c.bytes();
            }
            PublicationStats s = pub.stats();
            pubStats.add(List.of(pub.topic(), saturate(bytes), conns, saturate(s.dropped())));
        }
        List<Object> subStats = new ArrayList<>();
        for (Subscription<?> sub : topics.subscriptions()) {
            List<Object> conns = new ArrayList<>();
            for (BusConnection c : sub.connections()) {
                conns.add(List.of(c.id(), saturate(c.bytes()), saturate(sub.stats().dropped()), c.connected()));
            }
            subStats.add(List.of(sub.topic(), conns));
        }
        return List.of(pubStats, subStats, List.of(0, 0, 0));
    }

    private static int saturate(long v) {
        return (int) Math.min(Integer.MAX_VALUE, v);
    }

    private static List<Object> ok(Object value) {
        return List.of(1, "", value);
    }

    private static String str(List<Object> p, int i) throws XmlRpcFault {
        if (p.size() <= i || !(p.get(i) instanceof String s)) {
            throw new XmlRpcFault(-1, "parameter " + i + " must be a string");
        }
        return s;
    }
}
