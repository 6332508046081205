package dev.triage.ros.node;

import dev.triage.perception.core.Closeables;
import dev.triage.perception.pipeline.CameraPipeline;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosClock;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.diagnostic.DiagnosticArray;
import dev.triage.ros.msg.diagnostic.DiagnosticMsgs;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Triage ROS 1 node, a thin host of one {@link CameraPipeline} (through the shared {@link NodeRuntime}) on an
 * already started {@link RosNode}: images in through {@link RosImageSource} (latest-only delivery: the newest image
 * wins, every replaced or stale image is counted), optional {@code ~speed} (std_msgs/Float32) into the pipeline's
 * speed port, {@code /clock} with use_sim_time, results out through {@link RosResultSink} and {@link DebugImageTap},
 * {@code /diagnostics} at {@link NodeOptions#diagnosticsPeriod()}, and {@link NodeExtension}s riding along (the CARLA
 * loop). The caller owns the models and the RosNode. Threads follow the RosNode's {@link dev.triage.ros.ThreadPolicy}:
 * the worker is restarted if an error ever escapes a frame, and every death is {@code errors.thread_died}.
 *
 * <pre>{@code
 * try (RosNode ros = RosNode.start(config);
 *      PerceptionNode node = PerceptionNode.start(ros, NodeOptions.defaults(ros.name()), stack.addTo(CameraWorker.builder()))) {
 *     shutdown.await();
 * }
 * }</pre>
 */
public final class PerceptionNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PerceptionNode.class.getName());

    private final RosNode ros;
    private final NodeRuntime runtime;
    private final RosResultSink results;
    private final DebugImageTap debugImage;
    private final RosImageSource source;
    private final Subscriber<?> clockSub;
    private final Subscriber<?> speedSub;
    private final Publisher<DiagnosticArray> diagnostics;
    private final NodeExtensions extensions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PerceptionNode(RosNode ros, NodeOptions options, CameraWorker.Builder worker,
                           List<NodeExtension> extensions) {
        this.ros = ros;
        this.extensions = new NodeExtensions(extensions);
        this.results = new RosResultSink(ros, options);
        this.debugImage = new DebugImageTap(ros, options);
        this.diagnostics = ros.advertise(options.diagnosticsTopic(), DiagnosticMsgs.DIAGNOSTIC_ARRAY,
                PublisherOptions.defaults());
        worker.addSink(results);
        this.extensions.addSinksTo(worker);  // after the publishing sink: they see what went out
        worker.addTap(debugImage);
        RosClock clock = NodeRuntime.clockFor(options);
        // /clock before the models warm up, so that its link is up before the first image
        this.clockSub = options.useSimTime() || !this.extensions.isEmpty()
                ? ros.subscribe("/clock", RosgraphMsgs.CLOCK, SubscriptionOptions.defaults().withQueueSize(100), m -> {
                    clock.update(m);
                    this.extensions.onClock(m.clock().toNanos());
                }) : null;
        this.runtime = NodeRuntime.start(ros.name(), options, clock, worker, ros.threads());
        this.speedSub = options.speedTopic().map(t -> ros.subscribe(t, StdMsgs.FLOAT32, SubscriptionOptions.defaults(),
                msg -> runtime.speed(msg.data()))).orElse(null);
        this.source = RosImageSource.subscribe(ros, options.imageTopic(), options.transport(), runtime,
                this.extensions::onImage);
        runtime.publishDiagnostics(this::snapshot, diagnostics::publish);
        LOG.log(System.Logger.Level.INFO, ros.name() + ": images from " + source.topic() + ", results on "
                + options.detectionsTopic() + ", " + options.lanesTopic() + ", " + options.contextTopic() + ", "
                + options.markersTopic() + ", " + options.debugImageTopic() + ", " + options.diagnosticsTopic());
    }

    /**
     * Starts the node's pipeline.
     *
     * @param worker a builder with the gate, experts and policy set; this node adds its sinks and taps, and the
     *               pipeline the rest
     */
    public static PerceptionNode start(RosNode ros, NodeOptions options, CameraWorker.Builder worker) {
        return start(ros, options, worker, List.of());
    }

    /**
     * Starts the node's pipeline with {@code extensions} riding along (see {@link NodeExtension}); the node closes
     * them when it stops.
     */
    public static PerceptionNode start(RosNode ros, NodeOptions options, CameraWorker.Builder worker,
                                       List<NodeExtension> extensions) {
        return new PerceptionNode(Objects.requireNonNull(ros), Objects.requireNonNull(options),
                Objects.requireNonNull(worker), extensions);
    }

    /** The counters that go into /diagnostics, now. */
    public NodeDiagnostics.Snapshot snapshot() {
        return runtime.snapshot(source.transportStats(), source.conversionErrors(), source.topic(),
                extensions.diagnostics());
    }

    /** The pipeline's counters and latencies since start. */
    public PipelineSummary summary() {
        return runtime.summary();
    }

    /** The options this node runs with. */
    public NodeOptions options() {
        return runtime.options();
    }

    /** Overlay images built for {@code ~debug/image} (only while somebody subscribes). */
    public long debugImagesDrawn() {
        return debugImage.imagesDrawn();
    }

    /**
     * Stops taking images, lets the worker finish its frame, and unadvertises and unsubscribes every topic of this
     * node's pipeline. The RosNode stays up (its owner closes it).
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Closeables.closeAll(source, runtime, speedSub, clockSub, extensions, results, debugImage, diagnostics);
    }
}
