package dev.triage.ros.node;

import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.LatestFrameMailbox;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineStats;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosClock;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.diagnostic.DiagnosticArray;
import dev.triage.ros.msg.diagnostic.DiagnosticMsgs;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Triage ROS node's runtime, on an already started {@link RosNode}: images in (through {@link RosImageSource}
 * into a one-slot {@link LatestFrameMailbox}), one {@link CameraWorker} thread (latest-only delivery: the newest
 * image wins, every replaced or stale image is counted), results out through {@link RosResultSink} and
 * {@link DebugImageTap}, {@code /diagnostics} at {@link NodeOptions#diagnosticsPeriod()}, optional {@code ~speed}
 * as the gate's speed prior, {@code /clock} with use_sim_time, and {@link NodeExtension}s riding along (the CARLA
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
    /** A speed older than this is not used as a prior. */
    private static final long SPEED_MAX_AGE_NANOS = 1_000_000_000L;

    private final RosNode ros;
    private final NodeOptions options;
    private final RosClock clock;
    private final LatestFrameMailbox mailbox = new LatestFrameMailbox();
    private final PipelineStats stats;
    private final RosResultSink results;
    private final DebugImageTap debugImage;
    private final CameraWorker worker;
    private final Thread workerThread;
    private final RosImageSource source;
    private final Subscriber<?> clockSub;
    private final Subscriber<?> speedSub;
    private final Publisher<DiagnosticArray> diagnostics;
    private final NodeDiagnostics diagnosticsBuilder;
    private final ScheduledExecutorService timer;
    private volatile float speed;
    private volatile long speedAt = Long.MIN_VALUE;
    private final List<NodeExtension> extensions;
    private volatile boolean closed;

    private PerceptionNode(RosNode ros, NodeOptions options, CameraWorker.Builder worker,
                           List<NodeExtension> extensions) {
        this.ros = ros;
        this.extensions = List.copyOf(extensions);
        this.options = options;
        this.clock = options.useSimTime() ? RosClock.simulated() : RosClock.wall();
        this.clockSub = options.useSimTime() || !this.extensions.isEmpty()
                ? ros.subscribe("/clock", RosgraphMsgs.CLOCK, SubscriptionOptions.defaults().withQueueSize(100), m -> {
                    clock.update(m);
                    for (NodeExtension e : this.extensions) {
                        e.onClock(m.clock().toNanos());
                    }
                }) : null;
        this.speedSub = options.speedTopic().map(t -> ros.subscribe(t, StdMsgs.FLOAT32, SubscriptionOptions.defaults(),
                msg -> {
                    speed = msg.data();
                    speedAt = System.nanoTime();
                })).orElse(null);
        this.stats = new PipelineStats(options.budget().toNanos());
        this.results = new RosResultSink(ros, options);
        this.debugImage = new DebugImageTap(ros, options);
        this.diagnostics = ros.advertise(options.diagnosticsTopic(), DiagnosticMsgs.DIAGNOSTIC_ARRAY,
                PublisherOptions.defaults());
        this.diagnosticsBuilder = new NodeDiagnostics(ros.name());
        worker.setSettings(new PipelineSettings(options.budget().toNanos(), options.gateEveryFrames(),
                        PipelineSettings.Delivery.LATEST_ONLY))
                .optMaxImageSide(options.maxImageSide())
                .setStats(stats)
                .setMailbox(mailbox)
                .addSink(results);
        extensions.forEach(worker::addSink);  // after the publishing sink: they see what went out
        this.worker = worker
                .addTap(debugImage)
                .optSpeed(this::currentSpeed)
                .build();
        // a worker that dies (an Error escaping a frame) is logged, counted and started again: never a silent stop
        this.workerThread = ros.threads().supervise("triage-worker", this.worker, () -> !closed);
        this.workerThread.start();
        this.source = RosImageSource.subscribe(ros, options.imageTopic(), options.transport(), mailbox, stats,
                new CaptureClock(clock, System::nanoTime, options.maxStampAge().toNanos()), stamp -> {
                    for (NodeExtension e : this.extensions) {
                        e.onImage(stamp);
                    }
                });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> ros.threads().newThread("triage-diagnostics", r));
        long period = options.diagnosticsPeriod().toNanos();
        timer.scheduleAtFixedRate(this::publishDiagnostics, period, period, TimeUnit.NANOSECONDS);
        LOG.log(System.Logger.Level.INFO, ros.name() + ": images from " + source.topic() + ", results on "
                + options.detectionsTopic() + ", " + options.lanesTopic() + ", " + options.contextTopic() + ", "
                + options.markersTopic() + ", " + options.debugImageTopic() + ", " + options.diagnosticsTopic());
    }

    /**
     * Starts the node's pipeline.
     *
     * @param worker a builder with the gate, experts and policy set; this node adds settings, stats, mailbox,
     *               sinks, taps and the speed supplier
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

    private OptionalDouble currentSpeed() {
        long at = speedAt;
        return at != Long.MIN_VALUE && System.nanoTime() - at < SPEED_MAX_AGE_NANOS
                ? OptionalDouble.of(speed) : OptionalDouble.empty();
    }

    private void publishDiagnostics() {
        try {
            diagnostics.publish(diagnosticsBuilder.report(snapshot(), clock.now()));
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "diagnostics failed: " + e);
            }
        } catch (Error e) {
            // a periodic task that throws is silently never run again: count it here and keep the schedule
            ros.threads().uncaught(Thread.currentThread(), e);
        }
    }

    /** The counters that go into /diagnostics, now. */
    public NodeDiagnostics.Snapshot snapshot() {
        List<KeyValue> extra = new ArrayList<>();
        for (NodeExtension e : extensions) {
            extra.addAll(e.diagnostics());
        }
        return new NodeDiagnostics.Snapshot(stats.summary(), source.transportStats(), source.conversionErrors(),
                source.untrustedStamps(), source.topic(), extra, stats.decodeIssues(), ros.threads().threadsDied());
    }

    /** The pipeline's counters and latencies since start. */
    public PipelineSummary summary() {
        return stats.summary();
    }

    /** The options this node runs with. */
    public NodeOptions options() {
        return options;
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
        if (closed) {
            return;
        }
        closed = true;
        source.close();
        mailbox.close();
        worker.requestStop();
        try {
            workerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        if (!workerThread.isAlive()) {
            worker.close();
        } else {
            LOG.log(System.Logger.Level.WARNING, "worker still busy after 10 s; leaving its buffers to the JVM");
        }
        if (speedSub != null) {
            speedSub.close();
        }
        if (clockSub != null) {
            clockSub.close();
        }
        extensions.forEach(NodeExtension::close);
        results.close();
        debugImage.close();
        diagnostics.close();
        LOG.log(System.Logger.Level.INFO, ros.name() + ": pipeline stopped; " + stats.summary().framesProcessed()
                + " frames processed");
    }
}
