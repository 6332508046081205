package dev.triage.ros.node;

import dev.triage.perception.spi.ResultSink;
import dev.triage.ros.msg.diagnostic.KeyValue;

import java.util.List;

/**
 * Something that rides along with a {@link PerceptionNode} without being part of it: it sees every image stamp as
 * it arrives, every {@code /clock} tick, every result and problem after the node has published it (as a {@link ResultSink}, on the worker
 * thread), and adds key/values to the node's {@code /diagnostics} status. The CARLA bridge uses it for sim-time tick
 * accounting and live accuracy against ground truth. An extension owns its own subscriptions and closes them in
 * {@link #close()}; the node closes its extensions when it stops.
 *
 * <pre>{@code
 * NodeExtension counter = new NodeExtension() {
 *     final AtomicLong images = new AtomicLong();
 *     public void onImage(long stampNanos) { images.incrementAndGet(); }
 *     public void accept(PerceptionResult r) { }
 *     public List<KeyValue> diagnostics() { return List.of(new KeyValue("images", "" + images.get())); }
 * };
 * }</pre>
 */
public interface NodeExtension extends ResultSink {

    /** An image stamped {@code stampNanos} (ROS time) arrived and was offered to the pipeline; transport thread. */
    default void onImage(long stampNanos) {
    }

    /**
     * A {@code /clock} message (sim time, ns); the node subscribes {@code /clock} for its extensions even without
     * use_sim_time. Transport thread.
     */
    default void onClock(long simNanos) {
    }

    /** Key/values appended to the node's diagnostics status; called on the diagnostics thread. */
    List<KeyValue> diagnostics();

    /** Releases the extension's subscriptions; must not throw. */
    @Override
    default void close() {
    }
}
