package dev.triage.ros.master;

import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed calls to the ROS master API (registration, parameters, graph state) on behalf of one caller id.
 * Every call unwraps the {@code [code, statusMessage, value]} triple and throws {@link RosApiException} unless the
 * code is 1.
 */
public final class MasterClient {

    private final XmlRpcClient rpc;
    private final URI masterUri;
    private final String callerId;

    /**
     * @param rpc       the XML-RPC client
     * @param masterUri ROS_MASTER_URI
     * @param callerId  this node's name
     */
    public MasterClient(XmlRpcClient rpc, URI masterUri, String callerId) {
        this.rpc = rpc;
        this.masterUri = masterUri;
        this.callerId = callerId;
    }

    /** The master's URI. */
    public URI masterUri() {
        return masterUri;
    }

    /** Registers a publisher; returns the slave URIs of the topic's current subscribers. */
    public List<String> registerPublisher(String topic, String type, URI callerApi) throws XmlRpcException {
        return strings(call("registerPublisher", callerId, topic, type, callerApi.toString()));
    }

    /** Unregisters a publisher; returns how many registrations were removed (0 or 1). */
    public int unregisterPublisher(String topic, URI callerApi) throws XmlRpcException {
        return asInt(call("unregisterPublisher", callerId, topic, callerApi.toString()));
    }

    /** Registers a subscriber; returns the slave URIs of the topic's current publishers. */
    public List<String> registerSubscriber(String topic, String type, URI callerApi) throws XmlRpcException {
        return strings(call("registerSubscriber", callerId, topic, type, callerApi.toString()));
    }

    /** Unregisters a subscriber; returns how many registrations were removed (0 or 1). */
    public int unregisterSubscriber(String topic, URI callerApi) throws XmlRpcException {
        return asInt(call("unregisterSubscriber", callerId, topic, callerApi.toString()));
    }

    /** The parameter's value (XML-RPC types: String, Integer, Double, Boolean, List, Map), or empty if it is not set. */
    public Optional<Object> getParam(String key) throws XmlRpcException {
        Object reply = rpc.call(masterUri, "getParam", callerId, key);
        List<?> r = triple("getParam", reply);
        return ((Integer) r.get(0)) == 1 ? Optional.ofNullable(r.get(2)) : Optional.empty();
    }

    /** Sets a parameter (a Map value sets a whole namespace). */
    public void setParam(String key, Object value) throws XmlRpcException {
        call("setParam", callerId, key, value);
    }

    /** Whether a parameter is set. */
    public boolean hasParam(String key) throws XmlRpcException {
        return Boolean.TRUE.equals(call("hasParam", callerId, key));
    }

    /** Deletes a parameter. */
    public void deleteParam(String key) throws XmlRpcException {
        call("deleteParam", callerId, key);
    }

    /** Finds {@code key} in this caller's namespace or its parents; the full name found, or empty. */
    public Optional<String> searchParam(String key) throws XmlRpcException {
        Object reply = rpc.call(masterUri, "searchParam", callerId, key);
        List<?> r = triple("searchParam", reply);
        return ((Integer) r.get(0)) == 1 && r.get(2) instanceof String s && !s.isEmpty()
                ? Optional.of(s) : Optional.empty();
    }

    /** The master's own URI as it reports it. */
    public URI getUri() throws XmlRpcException {
        return URI.create(String.valueOf(call("getUri", callerId)));
    }

    /** The master's process id; a new value means a new master. */
    public int getPid() throws XmlRpcException {
        return asInt(call("getPid", callerId));
    }

    /** The slave URI of a node. */
    public Optional<URI> lookupNode(String node) throws XmlRpcException {
        List<?> r = triple("lookupNode", rpc.call(masterUri, "lookupNode", callerId, node));
        return ((Integer) r.get(0)) == 1 ? Optional.of(URI.create(String.valueOf(r.get(2)))) : Optional.empty();
    }

    /** Every publisher, subscriber and service the master knows. */
    public SystemState getSystemState() throws XmlRpcException {
        Object v = call("getSystemState", callerId);
        if (!(v instanceof List<?> l) || l.size() != 3) {
            throw new XmlRpcException("getSystemState: unexpected value " + v);
        }
        return new SystemState(graph(l.get(0)), graph(l.get(1)), graph(l.get(2)));
    }

    private Object call(String method, Object... params) throws XmlRpcException {
        List<?> r = triple(method, rpc.call(masterUri, method, params));
        int code = (Integer) r.get(0);
        if (code != 1) {
            throw new RosApiException(method, code, String.valueOf(r.get(1)));
        }
        return r.get(2);
    }

    /** Checks the shape of a {@code [code, statusMessage, value]} reply. */
    static List<?> triple(String method, Object reply) throws XmlRpcException {
        if (reply instanceof List<?> r && r.size() == 3 && r.get(0) instanceof Integer) {
            return r;
        }
        throw new XmlRpcException(method + ": expected [code, statusMessage, value], got " + reply);
    }

    private static int asInt(Object v) throws XmlRpcException {
        if (v instanceof Integer i) {
            return i;
        }
        throw new XmlRpcException("expected an int, got " + v);
    }

    private static List<String> strings(Object v) throws XmlRpcException {
        if (!(v instanceof List<?> l)) {
            throw new XmlRpcException("expected a list, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static Map<String, List<String>> graph(Object v) throws XmlRpcException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!(v instanceof List<?> entries)) {
            throw new XmlRpcException("getSystemState: expected a list, got " + v);
        }
        for (Object e : entries) {
            if (e instanceof List<?> pair && pair.size() == 2) {
                out.put(String.valueOf(pair.get(0)), strings(pair.get(1)));
            }
        }
        return out;
    }
}
