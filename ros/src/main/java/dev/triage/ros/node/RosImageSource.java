package dev.triage.ros.node;

import dev.triage.perception.core.Frame;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.ros.tcpros.SubscriptionStats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Live camera input: subscribes an image topic and offers every image to the node's pipeline
 * ({@link NodeRuntime#image}), where a newer image replaces one the worker has not taken yet (counted as dropped).
 * Conversion only wraps the bytes (no decode on the transport thread); the capture instant comes from the header
 * stamp through the runtime's {@link CaptureClock}. Images the worker cannot decode (corrupt JPEG, unsupported
 * encoding) fail there and are counted as {@code decode_failed}; the node carries on.
 *
 * <pre>{@code
 * RosImageSource source = RosImageSource.subscribe(node, "/camera/image_raw", ImageTransport.RAW, runtime,
 *         stamp -> { });
 * }</pre>
 */
public final class RosImageSource implements AutoCloseable {

    private final Subscriber<?> subscriber;
    private final NodeRuntime runtime;
    private final LongConsumer arrivals;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong conversionErrors = new AtomicLong();

    private RosImageSource(RosNode node, String baseTopic, ImageTransport transport, NodeRuntime runtime,
                           LongConsumer arrivals) {
        this.runtime = runtime;
        this.arrivals = arrivals;
        // callback queue of one: the transport thread never holds more than the newest image
        SubscriptionOptions options = SubscriptionOptions.defaults().withQueueSize(1);
        String topic = transport.topic(baseTopic);
        this.subscriber = transport == ImageTransport.RAW
                ? node.subscribe(topic, SensorMsgs.IMAGE, options, msg -> deliver(() ->
                        RosImageDecoder.toFrame(msg, seq.incrementAndGet(),
                                runtime.captureMonoNanos(msg.header().stamp().toNanos()))))
                : node.subscribe(topic, SensorMsgs.COMPRESSED_IMAGE, options, msg -> deliver(() ->
                        RosImageDecoder.toFrame(msg, seq.incrementAndGet(),
                                runtime.captureMonoNanos(msg.header().stamp().toNanos()))));
    }

    /**
     * Subscribes {@code transport.topic(baseTopic)} and starts offering frames to {@code runtime}'s pipeline; tells
     * {@code arrivals} the header stamp (ROS time, ns) of every image just before it is offered.
     */
    public static RosImageSource subscribe(RosNode node, String baseTopic, ImageTransport transport,
                                           NodeRuntime runtime, LongConsumer arrivals) {
        return new RosImageSource(node, baseTopic, transport, runtime, arrivals);
    }

    private void deliver(java.util.function.Supplier<Frame> convert) {
        Frame frame;
        try {
            frame = convert.get();
        } catch (RuntimeException e) {
            conversionErrors.incrementAndGet();
            return;
        }
        arrivals.accept(frame.stampNanos());
        runtime.image(frame);
    }

    /** The subscribed topic. */
    public String topic() {
        return subscriber.topic();
    }

    /** Transport counters (received, dropped in the callback queue, malformed, oversized, refused, ...). */
    public SubscriptionStats transportStats() {
        return subscriber.stats();
    }

    /** Images that could not even be wrapped as a frame. */
    public long conversionErrors() {
        return conversionErrors.get();
    }

    /** Unsubscribes; frames already in the pipeline stay there. */
    @Override
    public void close() {
        subscriber.close();
    }
}
