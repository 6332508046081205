package dev.triage.ros.node;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The four result topics of a node, whichever transport carries them, and the rule both nodes publish by:
 * {@code ~detections}, {@code ~lanes} and {@code ~context} with every result, in that order, then {@code ~markers},
 * built only while somebody listens; closed together in the same order. Each transport's result sink builds its own
 * messages and hands them here.
 *
 * <pre>{@code
 * var topics = new ResultTopics<>(Topic.of(detections::publish, detections::hasSubscribers, detections::close), ...);
 * topics.publish(detectionArray(r), laneArray(r), context(r), () -> markerArray(r));
 * }</pre>
 *
 * @param <D> the detections message
 * @param <L> the lanes message
 * @param <C> the context message
 * @param <M> the markers message
 */
public final class ResultTopics<D, L, C, M> implements AutoCloseable {

    /**
     * One outgoing topic as a transport offers it.
     *
     * @param send     publishes a message
     * @param listened whether anybody listens now
     * @param close    stops publishing the topic
     * @param <T>      the message
     */
    public record Topic<T>(Consumer<T> send, BooleanSupplier listened, Runnable close) {

        /** Checks that every part is given. */
        public Topic {
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(listened, "listened");
            Objects.requireNonNull(close, "close");
        }

        /** A topic from its transport's three operations. */
        public static <T> Topic<T> of(Consumer<T> send, BooleanSupplier listened, Runnable close) {
            return new Topic<>(send, listened, close);
        }
    }

    private final Topic<D> detections;
    private final Topic<L> lanes;
    private final Topic<C> context;
    private final Topic<M> markers;

    /** The four topics of a node's results. */
    public ResultTopics(Topic<D> detections, Topic<L> lanes, Topic<C> context, Topic<M> markers) {
        this.detections = Objects.requireNonNull(detections, "detections");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.context = Objects.requireNonNull(context, "context");
        this.markers = Objects.requireNonNull(markers, "markers");
    }

    /** Publishes one result's messages; {@code markers} is built only while somebody listens to {@code ~markers}. */
    public void publish(D detectionsMessage, L lanesMessage, C contextMessage, Supplier<M> markersMessage) {
        detections.send().accept(detectionsMessage);
        lanes.send().accept(lanesMessage);
        context.send().accept(contextMessage);
        if (markers.listened().getAsBoolean()) {
            markers.send().accept(markersMessage.get());
        }
    }

    /** Closes the four topics. */
    @Override
    public void close() {
        detections.close().run();
        lanes.close().run();
        context.close().run();
        markers.close().run();
    }
}
