package dev.triage.launch.wiring;

import dev.triage.ros.GraphNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ROS 2 command line of {@code triage node --ros2}, as rcl parses it: everything after {@code --ros-args} (up to
 * {@code --}, repeatable) is {@code -r/--remap from:=to} (with {@code __ns:=} and {@code __node:=} /
 * {@code __name:=}), {@code -p/--param name:=value}, {@code --params-file FILE} (read by the launcher; {@code -p}
 * wins over it), and
 * {@code --log-level}, {@code -e/--enclave} (accepted and ignored). The DDS domain is {@code ROS_DOMAIN_ID}
 * (0 when unset). Names resolve as in ROS 2: {@code ~x} is {@code <ns>/<node>/x}, relative names sit in the
 * namespace, and remaps apply to the resolved names.
 *
 * @param nodeName fully qualified node name, e.g. {@code /perception/triage}
 */
public record Ros2Args(String nodeName, String namespace, int domainId, Map<String, String> remaps,
                       Map<String, Object> params, List<String> paramsFiles) {

    public Ros2Args {
        remaps = Map.copyOf(remaps);
        params = Map.copyOf(params);
        paramsFiles = List.copyOf(paramsFiles);
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a message naming the bad argument
     */
    public static Ros2Args parse(List<String> args, String defaultName, Map<String, String> env) {
        Map<String, String> rawRemaps = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> paramsFiles = new ArrayList<>();
        String ns = "/";
        String node = defaultName;
        boolean inRos = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--ros-args")) {
                inRos = true;
                continue;
            }
            if (!inRos) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (ROS 2 arguments follow --ros-args)");
            }
            switch (a) {
                case "--" -> inRos = false;
                case "-r", "--remap" -> {
                    String[] kv = pair(args, ++i, a);
                    switch (kv[0]) {
                        case "__ns" -> ns = kv[1];
                        case "__node", "__name" -> node = kv[1];
                        default -> rawRemaps.put(kv[0], kv[1]);
                    }
                }
                case "-p", "--param" -> {
                    String[] kv = pair(args, ++i, a);
                    params.put(kv[0], RosArgs.scalar(kv[1]));
                }
                case "--params-file" -> {
                    if (++i >= args.size()) {
                        throw new IllegalArgumentException("--params-file needs a file");
                    }
                    paramsFiles.add(args.get(i));
                }
                case "--log-level", "-e", "--enclave" -> {
                    if (++i >= args.size()) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                }
                default -> throw new IllegalArgumentException("unknown ROS 2 argument '" + a + "'");
            }
        }
        if (!ns.startsWith("/")) {
            throw new IllegalArgumentException("__ns must be absolute: " + ns);
        }
        if (ns.length() > 1 && ns.endsWith("/")) {
            ns = ns.substring(0, ns.length() - 1);
        }
        if (node.isEmpty() || node.contains("/") || !node.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad node name '" + node + "'");
        }
        String fullName = (ns.equals("/") ? "" : ns) + "/" + node;
        int domain = 0;
        String d = env.get("ROS_DOMAIN_ID");
        if (d != null && !d.isBlank()) {
            try {
                domain = Integer.parseInt(d.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ROS_DOMAIN_ID is not a number: " + d);
            }
            if (domain < 0 || domain > 232) {
                throw new IllegalArgumentException("ROS_DOMAIN_ID out of range [0, 232]: " + domain);
            }
        }
        return new Ros2Args(fullName, ns, domain, GraphNames.resolveRemaps(rawRemaps, ns, fullName), params,
                paramsFiles);
    }

    private static String[] pair(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs name:=value");
        }
        String s = args.get(i);
        int at = s.indexOf(":=");
        if (at <= 0) {
            throw new IllegalArgumentException(flag + " " + s + ": expected name:=value");
        }
        return new String[]{s.substring(0, at), s.substring(at + 2)};
    }

    /** Resolves {@code name} ({@code ~x}, relative or absolute) and applies the remaps. */
    public String resolve(String name) {
        return GraphNames.resolveRemapped(name, namespace, nodeName, remaps);
    }

    /** Resolves {@code name} ({@code ~x}, relative or absolute) against the namespace and node name, not remapped. */
    public String fullName(String name) {
        return GraphNames.resolve(name, namespace, nodeName);
    }

    /** A {@code -p} parameter. */
    public Optional<Object> param(String name) {
        return Optional.ofNullable(params.get(Objects.requireNonNull(name)));
    }

    /** The arguments as a list, for logs. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("node " + nodeName + " (ROS 2, DDS domain " + domainId + ")");
        remaps.forEach((k, v) -> out.add(k + " -> " + v));
        return out;
    }
}
