package dev.triage.launch.wiring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds command-line remaps that change nothing: their source is none of the names the node resolves, as after a
 * typo ({@code image:=...} where the node reads {@code ~image}) or when a shell expanded an unquoted
 * {@code ~/image:=...} into {@code /root/image:=...}. ROS itself ignores such remaps silently; both launchers warn.
 *
 * <pre>{@code
 * RemapCheck check = new RemapCheck(args::fullName, args::resolve, "~name:=...");
 * NodeOptions options = RosNodeLauncher.nodeOptions(..., check::resolve, ...);
 * check.unused(args.remaps()).forEach(r -> LOG.log(WARNING, check.warning(r)));
 * }</pre>
 */
final class RemapCheck {
    private final UnaryOperator<String> fullName;
    private final UnaryOperator<String> resolve;
    private final String privateRemap;
    private final Set<String> named = new HashSet<>();

    /**
     * @param fullName     a name resolved against namespace and node name, not remapped
     * @param resolve      a name resolved and remapped
     * @param privateRemap how this ROS version's command line remaps a private name ({@code ~name:=...} on ROS 1,
     *                     {@code ~/name:=...} on ROS 2), for the warning's hint
     */
    RemapCheck(UnaryOperator<String> fullName, UnaryOperator<String> resolve, String privateRemap) {
        this.fullName = fullName;
        this.resolve = resolve;
        this.privateRemap = privateRemap;
    }

    /** Resolves {@code name} and notes it as one the node uses. */
    String resolve(String name) {
        named.add(fullName.apply(name));
        return resolve.apply(name);
    }

    /** The remaps ({@code from -> to}, resolved) whose source is none of the names resolved through {@link #resolve}. */
    List<String> unused(Map<String, String> remaps) {
        List<String> out = new ArrayList<>();
        remaps.forEach((from, to) -> {
            if (!named.contains(from)) {
                out.add(from + " -> " + to);
            }
        });
        return out;
    }

    /** The warning for one unused remap. */
    String warning(String remap) {
        return "remap " + remap + " matches none of the node's topics " + named.stream().sorted().toList()
                + " and changes nothing (a typo? a private topic is remapped as '" + privateRemap + "', quoted so that "
                + "the shell does not expand ~)";
    }
}
