package dev.triage.ros.node;

import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.msg.diagnostic.KeyValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link NodeExtension}s riding along with a node, as one: every event reaches each extension in the order they
 * were given, and their diagnostics are collected in that order. The ROS 1 and the ROS 2 node each hold one.
 */
public final class NodeExtensions implements AutoCloseable {
    private final List<NodeExtension> all;

    /** The extensions of one node, in order. */
    public NodeExtensions(List<NodeExtension> extensions) {
        this.all = List.copyOf(extensions);
    }

    /** Whether no extension rides along. */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Adds every extension to {@code worker} as a result sink; called after the node's publishing sink is added, so
     * that the extensions see what went out.
     */
    public void addSinksTo(CameraWorker.Builder worker) {
        all.forEach(worker::addSink);
    }

    /** An image stamped {@code stampNanos} was offered to the pipeline. */
    public void onImage(long stampNanos) {
        for (NodeExtension e : all) {
            e.onImage(stampNanos);
        }
    }

    /** A {@code /clock} message of {@code simNanos} arrived. */
    public void onClock(long simNanos) {
        for (NodeExtension e : all) {
            e.onClock(simNanos);
        }
    }

    /** Every extension's key/values for the diagnostics status, in order. */
    public List<KeyValue> diagnostics() {
        List<KeyValue> out = new ArrayList<>();
        for (NodeExtension e : all) {
            out.addAll(e.diagnostics());
        }
        return out;
    }

    /** Closes every extension. */
    @Override
    public void close() {
        all.forEach(NodeExtension::close);
    }
}
