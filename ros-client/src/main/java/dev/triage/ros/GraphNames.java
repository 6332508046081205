package dev.triage.ros;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ROS graph names: validation and resolution of relative ({@code image}), private ({@code ~image}) and global
 * ({@code /camera/image}) names against a namespace and node name.
 */
public final class GraphNames {

    private static final Pattern GLOBAL = Pattern.compile("/|(/[A-Za-z][A-Za-z0-9_]*)+");

    private GraphNames() {
    }

    /** Whether {@code name} is a valid global name such as {@code /camera/image_raw}. */
    public static boolean isGlobal(String name) {
        return GLOBAL.matcher(name).matches();
    }

    /**
     * Checks a global name.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid global name
     */
    public static String requireGlobal(String name, String what) {
        if (name == null || !isGlobal(name) || name.equals("/")) {
            throw new IllegalArgumentException(what + " must be a global ROS name like /camera/image_raw, got '"
                    + name + "'");
        }
        return name;
    }

    /**
     * Resolves {@code name}: {@code ~x} under the node's name, {@code x} under {@code namespace}, {@code /x} as is.
     *
     * @param namespace the node's namespace, global ("/" for the root)
     * @param nodeName  the node's global name
     */
    public static String resolve(String name, String namespace, String nodeName) {
        String resolved;
        if (name.startsWith("/")) {
            resolved = name;
        } else if (name.startsWith("~")) {
            resolved = nodeName + "/" + name.substring(1);
        } else {
            resolved = (namespace.endsWith("/") ? namespace : namespace + "/") + name;
        }
        resolved = resolved.replaceAll("/+", "/");
        if (resolved.length() > 1 && resolved.endsWith("/")) {
            resolved = resolved.substring(0, resolved.length() - 1);
        }
        return requireGlobal(resolved, "name '" + name + "'");
    }

    /**
     * Resolves every key and value of {@code raw} ({@code from:=to} as given) as {@link #resolve} does, in order.
     *
     * @param namespace the node's namespace, global
     * @param nodeName  the node's global name
     */
    public static Map<String, String> resolveRemaps(Map<String, String> raw, String namespace, String nodeName) {
        Map<String, String> remaps = new LinkedHashMap<>();
        raw.forEach((from, to) -> remaps.put(resolve(from, namespace, nodeName), resolve(to, namespace, nodeName)));
        return remaps;
    }

    /** Resolves {@code name} as {@link #resolve} does, then applies {@code remaps} (resolved name to resolved name). */
    public static String resolveRemapped(String name, String namespace, String nodeName, Map<String, String> remaps) {
        String full = resolve(name, namespace, nodeName);
        return remaps.getOrDefault(full, full);
    }
}
