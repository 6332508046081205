package dev.triage.simbridge.truth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small tf buffer: for each child frame its parent and its last {@value #HISTORY} stamped transforms (from
 * {@code /tf} and {@code /tf_static}). A lookup walks both frames up to a common root and takes, per link, the
 * transform whose stamp is nearest the asked time (static links have one). Frame names are compared without a
 * leading slash. Thread-safe.
 *
 * <pre>{@code
 * buffer.add("map", "ego_vehicle", stamp, egoPose);
 * buffer.add("ego_vehicle", "ego_vehicle/rgb_front", stamp, mount);
 * Optional<RigidTransform> camFromMap = buffer.lookup("ego_vehicle/rgb_front", "map", stamp);
 * }</pre>
 */
public final class TransformBuffer {

    /** Transforms kept per child frame. */
    public static final int HISTORY = 64;
    private static final int MAX_DEPTH = 32;

    private record Stamped(long stampNanos, RigidTransform transform) {
    }

    private record Link(String parent, Deque<Stamped> history) {
    }

    private final Map<String, Link> links = new HashMap<>();

    /** Adds {@code parent ← child} at {@code stampNanos}; a new parent for a child replaces its history. */
    public synchronized void add(String parent, String child, long stampNanos, RigidTransform parentFromChild) {
        String p = norm(parent);
        String c = norm(child);
        if (p.equals(c) || p.isEmpty() || c.isEmpty()) {
            return;
        }
        Link link = links.get(c);
        if (link == null || !link.parent().equals(p)) {
            link = new Link(p, new ArrayDeque<>());
            links.put(c, link);
        }
        link.history().addLast(new Stamped(stampNanos, parentFromChild));
        while (link.history().size() > HISTORY) {
            link.history().removeFirst();
        }
    }

    /**
     * The transform that maps points of {@code source} into {@code target} at about {@code stampNanos}, or empty when
     * the two frames are not connected.
     */
    public synchronized Optional<RigidTransform> lookup(String target, String source, long stampNanos) {
        List<String> up = chain(norm(source));
        List<String> down = chain(norm(target));
        String root = null;
        for (String f : up) {
            if (down.contains(f)) {
                root = f;
                break;
            }
        }
        if (root == null) {
            return Optional.empty();
        }
        RigidTransform rootFromSource = toRoot(norm(source), root, stampNanos);
        RigidTransform rootFromTarget = toRoot(norm(target), root, stampNanos);
        return Optional.of(rootFromTarget.inverse().compose(rootFromSource));
    }

    private List<String> chain(String frame) {
        List<String> out = new ArrayList<>();
        String f = frame;
        while (f != null && out.size() < MAX_DEPTH && !out.contains(f)) {
            out.add(f);
            Link l = links.get(f);
            f = l == null ? null : l.parent();
        }
        return out;
    }

    private RigidTransform toRoot(String frame, String root, long stamp) {
        RigidTransform acc = RigidTransform.IDENTITY;
        String f = frame;
        while (!f.equals(root)) {
            Link l = links.get(f);
            acc = nearest(l.history(), stamp).compose(acc);
            f = l.parent();
        }
        return acc;
    }

    private static RigidTransform nearest(Deque<Stamped> history, long stamp) {
        Stamped best = null;
        for (Stamped s : history) {
            if (best == null || Math.abs(s.stampNanos() - stamp) < Math.abs(best.stampNanos() - stamp)) {
                best = s;
            }
        }
        return best.transform();
    }

    private static String norm(String frame) {
        return frame.startsWith("/") ? frame.substring(1) : frame;
    }
}
