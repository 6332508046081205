package dev.triage.ros.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.pipeline.CameraPipeline;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.ros.RosClock;
import dev.triage.ros.ThreadPolicy;
import dev.triage.ros.msg.diagnostic.DiagnosticArray;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.tcpros.SubscriptionStats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The transport-neutral runtime that the ROS 1 node ({@link PerceptionNode}) and the ROS 2 node share: the node's
 * clock (wall, or {@code /clock} with use_sim_time), the capture-instant estimate of images, one
 * {@link CameraPipeline} (latest-only delivery, worker supervised by the node's {@link ThreadPolicy}: restarted and
 * counted as {@code errors.thread_died}, OutOfMemoryError exits 3), and the periodic {@code /diagnostics} report in
 * one vocabulary ({@link NodeDiagnostics}). A transport converts messages and calls {@link #image} and
 * {@link #speed}, keeps the clock it passed in up to date from {@code /clock}, and publishes the report it is handed.
 *
 * <pre>{@code
 * RosClock clock = NodeRuntime.clockFor(options);          // subscribe /clock to it first
 * NodeRuntime runtime = NodeRuntime.start("/triage", options, clock, worker.addSink(publisher), threads);
 * // transport callbacks:
 * runtime.image(RosImageDecoder.toFrame(msg, seq++, runtime.captureMonoNanos(msg.header().stamp().toNanos())));
 * runtime.speed(speedMsg.data());
 * runtime.publishDiagnostics(() -> runtime.snapshot(transportStats, errors, topic, List.of()), diagnostics::publish);
 * }</pre>
 */
public final class NodeRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeRuntime.class.getName());

    private final String nodeName;
    private final NodeOptions options;
    private final ThreadPolicy threads;
    private final RosClock clock;
    private final CaptureClock captureClock;
    private final CameraPipeline pipeline;
    private final NodeDiagnostics diagnostics;
    private ScheduledExecutorService timer;
    private final AtomicLong speedSamples = new AtomicLong();
    private volatile double lastSpeed = Double.NaN;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeRuntime(String nodeName, NodeOptions options, RosClock clock, CameraWorker.Builder worker,
                        ThreadPolicy threads) {
        this.nodeName = nodeName;
        this.options = options;
        this.threads = threads;
        this.clock = clock;
        this.captureClock = new CaptureClock(clock, System::nanoTime, options.maxStampAge().toNanos());
        this.diagnostics = new NodeDiagnostics(nodeName);
        this.pipeline = CameraPipeline.create(options.pipelineSettings(), worker);
        pipeline.start(threads::supervise);
    }

    /**
     * The node's clock for {@code options}: {@link RosClock#simulated()} with use_sim_time, else wall time. A host
     * makes it first and subscribes {@code /clock} to it before {@link #start} (which warms the models up for
     * seconds), so that the clock link is up before the first image arrives.
     */
    public static RosClock clockFor(NodeOptions options) {
        return options.useSimTime() ? RosClock.simulated() : RosClock.wall();
    }

    /**
     * Builds the pipeline from {@code worker} (gate, experts, policy, and the transport's sinks and taps) with the
     * options' settings and starts its worker under {@code threads}.
     *
     * @param nodeName the node's fully qualified name, used in diagnostics
     * @param clock    the node's clock ({@link #clockFor}), which the host keeps up to date from {@code /clock}
     */
    public static NodeRuntime start(String nodeName, NodeOptions options, RosClock clock, CameraWorker.Builder worker,
                                    ThreadPolicy threads) {
        return new NodeRuntime(nodeName, options, clock, worker, threads);
    }

    /** The node's clock: wall time, or the last {@code /clock} with use_sim_time. */
    public RosClock clock() {
        return clock;
    }

    /** The capture instant on {@link System#nanoTime()} of an image stamped {@code stampNanos} (see {@link CaptureClock}). */
    public long captureMonoNanos(long stampNanos) {
        return captureClock.captureMonoNanos(stampNanos);
    }

    /** Offers one image to the pipeline (the newest wins); false once the node is closing. */
    public boolean image(Frame frame) {
        return !closed.get() && pipeline.frames().offer(frame);
    }

    /** A vehicle speed reading (m/s) that arrived now; stamped with the node's clock, as image stamps are. */
    public void speed(double metresPerSecond) {
        pipeline.speed().accept(new SpeedSample(metresPerSecond, clock.nowNanos()));
        lastSpeed = metresPerSecond;
        speedSamples.incrementAndGet();
    }

    /**
     * Publishes {@code snapshot}'s report to {@code publisher} every {@link NodeOptions#diagnosticsPeriod()} on a
     * thread of the node's policy; once. A failing publish is logged (an Error is counted as a thread death) and the
     * schedule goes on.
     */
    public synchronized void publishDiagnostics(Supplier<NodeDiagnostics.Snapshot> snapshot,
                                                Consumer<DiagnosticArray> publisher) {
        if (timer != null) {
            throw new IllegalStateException("diagnostics already scheduled");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> threads.newThread("triage-diagnostics", r));
        long period = options.diagnosticsPeriod().toNanos();
        timer.scheduleAtFixedRate(() -> publishOnce(snapshot, publisher), period, period, TimeUnit.NANOSECONDS);
    }

    private void publishOnce(Supplier<NodeDiagnostics.Snapshot> snapshot, Consumer<DiagnosticArray> publisher) {
        try {
            publisher.accept(diagnostics.report(snapshot.get(), clock.now()));
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.WARNING, "diagnostics failed: " + e);
            }
        } catch (Error e) {
            // a periodic task that throws is silently never run again: count it here and keep the schedule
            threads.uncaught(Thread.currentThread(), e);
        }
    }

    /**
     * The counters that go into {@code /diagnostics}, now: the pipeline's, the transport's, the speed input's
     * ({@code speed.received}, {@code speed.last_mps}, when {@code ~speed} is subscribed) and the extras.
     *
     * @param transport        the image subscription's counters
     * @param conversionErrors images that could not even be wrapped as a frame
     * @param imageTopic       the subscribed image topic
     * @param extra            key/values appended to the status (extensions)
     */
    public NodeDiagnostics.Snapshot snapshot(SubscriptionStats transport, long conversionErrors, String imageTopic,
                                             List<KeyValue> extra) {
        List<KeyValue> all = new ArrayList<>(extra);
        if (options.speedTopic().isPresent()) {
            all.add(KeyValue.of("speed.received", speedSamples.get()));
            all.add(KeyValue.of("speed.last_mps", lastSpeed));
        }
        return new NodeDiagnostics.Snapshot(pipeline.summary(), transport, conversionErrors,
                captureClock.untrustedStamps(), imageTopic, all, pipeline.decodeIssues(), threads.threadsDied());
    }

    /** The pipeline's counters and latencies since start. */
    public PipelineSummary summary() {
        return pipeline.summary();
    }

    /** The options this node runs with. */
    public NodeOptions options() {
        return options;
    }

    /**
     * Stops taking images, stops the diagnostics schedule and lets the worker finish its frame; the transport closes
     * its own subscriptions and publishers (before: images; after: outputs).
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        pipeline.frames().close();
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        pipeline.close();
        LOG.log(System.Logger.Level.INFO, nodeName + ": pipeline stopped; " + pipeline.summary().framesProcessed()
                + " frames processed");
    }
}
