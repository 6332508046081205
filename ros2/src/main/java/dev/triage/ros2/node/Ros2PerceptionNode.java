package dev.triage.ros2.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.LatestFrameMailbox;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineStats;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.ros.RosClock;
import dev.triage.ros.ThreadPolicy;
import dev.triage.ros.RosImageDecoder;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros2.msg.CompressedImage;
import dev.triage.ros.msg.Time;
import dev.triage.ros.node.CaptureClock;
import dev.triage.ros.node.NodeDiagnostics;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros.tcpros.SubscriptionStats;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Ros2Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Triage node over ROS 2 (Cyclone DDS): {@code ~image} (sensor_msgs/msg/Image) or {@code ~image/compressed}
 * (CompressedImage, jpeg/png; image_transport's naming), SensorDataQoS: best effort, keep last 5, which takes
 * reliable and best-effort cameras alike, into a one-slot {@link LatestFrameMailbox}, one
 * {@link CameraWorker} thread (latest only), {@code ~detections} out ({@link Ros2ResultSink}) and
 * {@code /diagnostics} (reliable) with the ROS 1 node's vocabulary ({@link NodeDiagnostics}); with use_sim_time
 * the node's clock follows {@code /clock} (rosgraph_msgs/msg/Clock), which stamps diagnostics and judges image
 * stamps. Topics, budget and
 * gate frequency come from the same {@link NodeOptions} as the ROS 1 node. The caller owns the participant.
 *
 * <pre>{@code
 * try (DdsParticipant dds = DdsParticipant.create(domainId);
 *      Ros2PerceptionNode node = Ros2PerceptionNode.start(dds, NodeOptions.defaults("/triage"), stack.addTo(CameraWorker.builder()))) {
 *     shutdown.await();
 * }
 * }</pre>
 */
public final class Ros2PerceptionNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Ros2PerceptionNode.class.getName());

    private final NodeOptions options;
    private final LatestFrameMailbox mailbox = new LatestFrameMailbox();
    private final PipelineStats stats;
    private final Ros2ResultSink results;
    private final CameraWorker worker;
    private final Thread workerThread;
    private final CaptureClock captureClock;
    private final DdsReader<?> images;
    private final DdsReader<dev.triage.ros2.msg.Clock> clockReader;
    private final RosClock clock;
    private final DdsWriter<DiagnosticArray> diagnostics;
    private final NodeDiagnostics diagnosticsBuilder;
    private final ScheduledExecutorService timer;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong conversionErrors = new AtomicLong();
    private final String nodeName;
    private volatile boolean closed;
    private final ThreadPolicy threads = ThreadPolicy.exitOnOutOfMemory();

    private Ros2PerceptionNode(DdsParticipant dds, String nodeName, NodeOptions options, CameraWorker.Builder worker) {
        this.options = options;
        this.nodeName = nodeName;
        this.stats = new PipelineStats(options.budget().toNanos());
        this.results = new Ros2ResultSink(dds, options.detectionsTopic(), options.lanesTopic(),
                options.contextTopic());
        this.diagnostics = dds.createWriter(DdsParticipant.rosTopic(options.diagnosticsTopic()),
                Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE);
        this.diagnosticsBuilder = new NodeDiagnostics(nodeName);
        this.worker = worker.setSettings(new PipelineSettings(options.budget().toNanos(), options.gateEveryFrames(),
                        PipelineSettings.Delivery.LATEST_ONLY))
                .setStats(stats)
                .setMailbox(mailbox)
                .addSink(results)
                .build();
        // the ROS 1 node's thread policy: a worker that dies is logged, counted (errors.thread_died) and restarted;
        // an OutOfMemoryError ends the process with status 3 so that a supervisor restarts it
        this.workerThread = threads.supervise("triage-worker", this.worker, () -> !closed);
        this.workerThread.start();
        this.clock = options.useSimTime() ? RosClock.simulated() : RosClock.wall();
        // /clock: best effort keep last 5 takes reliable and best-effort clock publishers (rosbag2, simulators)
        this.clockReader = options.useSimTime()
                ? dds.createReader(DdsParticipant.rosTopic("/clock"), Ros2Types.CLOCK, QosProfile.SENSOR_DATA,
                m -> clock.update(new dev.triage.ros.msg.rosgraph.Clock(Time.ofNanos(m.toNanos()))), e -> { })
                : null;
        this.captureClock = new CaptureClock(clock, System::nanoTime, options.maxStampAge().toNanos());
        String imageTopic = DdsParticipant.rosTopic(options.transport().topic(options.imageTopic()));
        this.images = options.transport() == ImageTransport.COMPRESSED
                ? dds.createReader(imageTopic, Ros2Types.COMPRESSED_IMAGE, QosProfile.SENSOR_DATA,
                this::onCompressed, e -> conversionErrors.incrementAndGet())
                : dds.createReader(imageTopic, Ros2Types.IMAGE, QosProfile.SENSOR_DATA, this::onImage,
                e -> conversionErrors.incrementAndGet());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> threads.newThread("triage-diagnostics", r));
        long period = options.diagnosticsPeriod().toNanos();
        timer.scheduleAtFixedRate(this::publishDiagnostics, period, period, TimeUnit.NANOSECONDS);
        LOG.log(System.Logger.Level.INFO, nodeName + " (ROS 2): images from " + imageTopic
                + ", detections on " + options.detectionsTopic() + ", diagnostics on " + options.diagnosticsTopic());
    }

    /**
     * Starts the node's pipeline.
     *
     * @param nodeName the node's fully qualified name ({@code /perception/triage}), used in diagnostics
     * @param worker   a builder with the gate, experts and policy set; this node adds settings, stats, mailbox
     *                 and sink
     */
    public static Ros2PerceptionNode start(DdsParticipant dds, String nodeName, NodeOptions options,
                                           CameraWorker.Builder worker) {
        return new Ros2PerceptionNode(Objects.requireNonNull(dds), nodeName, Objects.requireNonNull(options),
                Objects.requireNonNull(worker));
    }

    private void onImage(dev.triage.ros2.msg.Image m) {
        if (closed) {
            return;
        }
        long stamp = m.header().toNanos();
        Frame frame = new Frame(seq.getAndIncrement(), stamp, captureClock.captureMonoNanos(stamp),
                m.header().frameId(), new Image.Raw(m.width(), m.height(), m.encoding(), m.step(), m.data()),
                Optional.empty());
        stats.frameIn();
        mailbox.offer(frame);
    }

    private void onCompressed(CompressedImage m) {
        if (closed) {
            return;
        }
        long stamp = m.header().toNanos();
        // the ROS 1 decoder's container rule ("bgr8; jpeg compressed bgr8" -> jpeg), on a ROS 1 record of the same fields
        var ros1 = new dev.triage.ros.msg.sensor.CompressedImage(new dev.triage.ros.msg.std.Header(0,
                Time.ofNanos(stamp), m.header().frameId()), m.format(), m.data());
        Frame frame = RosImageDecoder.toFrame(ros1, seq.getAndIncrement(), captureClock.captureMonoNanos(stamp));
        stats.frameIn();
        mailbox.offer(frame);
    }

    private void publishDiagnostics() {
        try {
            diagnostics.write(toRos2(diagnosticsBuilder.report(snapshot(), clock.now())));
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "diagnostics failed: " + e);
            }
        }
    }

    static DiagnosticArray toRos2(dev.triage.ros.msg.diagnostic.DiagnosticArray a) {
        List<DiagnosticArray.Status> out = new ArrayList<>();
        for (var s : a.status()) {
            List<DiagnosticArray.KeyValue> kv = new ArrayList<>();
            s.values().forEach(v -> kv.add(new DiagnosticArray.KeyValue(v.key(), v.value())));
            out.add(new DiagnosticArray.Status(s.level(), s.name(), s.message(), s.hardwareId(), kv));
        }
        Time t = a.header().stamp();
        return new DiagnosticArray(new Header(t.secs(), t.nsecs(), a.header().frameId()), out);
    }

    /** The counters that go into /diagnostics, now. */
    public NodeDiagnostics.Snapshot snapshot() {
        SubscriptionStats transport = new SubscriptionStats(images.received(), 0, 0, images.malformed(), 0, 0,
                images.matchedWriters(), 0, 0, 0);
        return new NodeDiagnostics.Snapshot(stats.summary(), transport, conversionErrors.get(),
                captureClock.untrustedStamps(), options.transport().topic(options.imageTopic()), List.of(),
                stats.decodeIssues(), threads.threadsDied());
    }

    /** The pipeline's counters and latencies since start. */
    public PipelineSummary summary() {
        return stats.summary();
    }

    /** The options this node runs with. */
    public NodeOptions options() {
        return options;
    }

    /** The node's fully qualified name. */
    public String name() {
        return nodeName;
    }

    /** Stops taking images, lets the worker finish its frame, and deletes this node's readers and writers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        images.close();
        if (clockReader != null) {
            clockReader.close();
        }
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
        }
        results.close();
        diagnostics.close();
        LOG.log(System.Logger.Level.INFO, nodeName + ": pipeline stopped; " + stats.summary().framesProcessed()
                + " frames processed");
    }
}
