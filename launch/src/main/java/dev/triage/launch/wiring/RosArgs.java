package dev.triage.launch.wiring;

import dev.triage.ros.GraphNames;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standard ROS 1 command-line conventions of a node, as roscpp and rospy read them, plus the environment:
 * {@code from:=to} remaps, {@code __name:=}, {@code __ns:=} (else ROS_NAMESPACE), {@code _param:=value} private
 * parameters (YAML scalars: true/false, integers, floats, else strings), {@code __master:=} (else ROS_MASTER_URI),
 * {@code __ip:=} / {@code __hostname:=} (else ROS_IP, ROS_HOSTNAME, then the machine's host name). {@code __log:=}
 * and other {@code __x:=} special keys are accepted and ignored. Remap keys and values are resolved against the
 * node's namespace ({@code ~x} against the node's name), and so is every name the node looks up through
 * {@link #resolve}.
 *
 * @param nodeName      the node's global name ({@code <ns>/<name>})
 * @param namespace     the node's namespace, global
 * @param masterUri     the master
 * @param host          the address peers use to reach this node
 * @param remaps        resolved name to resolved name
 * @param privateParams private parameters by their name without {@code _}
 */
public record RosArgs(String nodeName, String namespace, URI masterUri, String host, Map<String, String> remaps,
                      Map<String, Object> privateParams) {

    /** Default master when neither {@code __master:=} nor ROS_MASTER_URI is given. */
    public static final String DEFAULT_MASTER = "http://localhost:11311/";

    public RosArgs {
        remaps = Collections.unmodifiableMap(new LinkedHashMap<>(remaps));
        privateParams = Collections.unmodifiableMap(new LinkedHashMap<>(privateParams));
    }

    /**
     * Parses {@code args} as a ROS node does.
     *
     * @param defaultName the node's base name when {@code __name:=} is absent (for example "triage")
     * @param env         the process environment (ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME, ROS_NAMESPACE)
     * @throws IllegalArgumentException naming the offending argument
     */
    public static RosArgs parse(List<String> args, String defaultName, Map<String, String> env) {
        String name = defaultName;
        String ns = env.getOrDefault("ROS_NAMESPACE", "/");
        String master = env.get("ROS_MASTER_URI");
        String host = firstNonBlank(env.get("ROS_IP"), env.get("ROS_HOSTNAME"));
        Map<String, String> rawRemaps = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        for (String arg : args) {
            int sep = arg.indexOf(":=");
            if (sep <= 0) {
                throw new IllegalArgumentException("'" + arg + "' is not a ROS argument (from:=to, _param:=value, "
                        + "__name:=, __ns:=, __master:=, __ip:=, __hostname:=)");
            }
            String key = arg.substring(0, sep);
            String value = arg.substring(sep + 2);
            if (key.startsWith("__")) {
                switch (key) {
                    case "__name" -> name = value;
                    case "__ns" -> ns = value;
                    case "__master" -> master = value;
                    case "__ip", "__hostname" -> host = value;
                    default -> { } // __log and friends: not ours
                }
            } else if (key.startsWith("_")) {
                params.put(key.substring(1), scalar(value));
            } else {
                rawRemaps.put(key, value);
            }
        }
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("__name:=" + name + " must be a base name without '/'");
        }
        if (!ns.startsWith("/")) {
            ns = "/" + ns;
        }
        String namespace = ns.length() > 1 && ns.endsWith("/") ? ns.substring(0, ns.length() - 1) : ns;
        if (!GraphNames.isGlobal(namespace)) {
            throw new IllegalArgumentException("namespace '" + ns + "' is not a valid ROS name");
        }
        String nodeName = GraphNames.resolve(name, namespace, "/" + name);
        URI masterUri;
        try {
            masterUri = URI.create(master == null || master.isBlank() ? DEFAULT_MASTER : master.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master URI '" + master + "' is not a URI");
        }
        if (!"http".equals(masterUri.getScheme()) || masterUri.getHost() == null) {
            throw new IllegalArgumentException("master URI must look like http://host:11311/, got '" + master + "'");
        }
        if (host == null) {
            host = localHostName();
        }
        return new RosArgs(nodeName, namespace, masterUri, host, GraphNames.resolveRemaps(rawRemaps, namespace, nodeName),
                params);
    }

    /** Resolves {@code name} ({@code ~x}, relative or global) and applies the remaps. */
    public String resolve(String name) {
        return GraphNames.resolveRemapped(name, namespace, nodeName, remaps);
    }

    /** Resolves {@code name} ({@code ~x}, relative or global) against the namespace and node name, not remapped. */
    public String fullName(String name) {
        return GraphNames.resolve(name, namespace, nodeName);
    }

    /** A private parameter given on the command line. */
    public Optional<Object> privateParam(String key) {
        return Optional.ofNullable(privateParams.get(key));
    }

    /** Reads a command-line value the way rospy's YAML does for scalars. */
    static Object scalar(String value) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return Boolean.TRUE;
        }
        if (lower.equals("false")) {
            return Boolean.FALSE;
        }
        if (v.matches("[-+]?\\d{1,9}")) {
            return Integer.parseInt(v);
        }
        if (v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return Double.parseDouble(v);
        }
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return value;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** The arguments as a list, for logs. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("node " + nodeName + " (master " + masterUri + ", host " + host + ")");
        remaps.forEach((k, v) -> out.add(k + " -> " + v));
        return out;
    }
}
