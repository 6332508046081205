package dev.triage.ros2.node;

import dev.triage.perception.core.Closeables;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.pipeline.CameraPipeline;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.ros.RosClock;
import dev.triage.ros.node.RosImageDecoder;
import dev.triage.ros.ThreadPolicy;
import dev.triage.ros.msg.Time;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros.node.NodeExtensions;
import dev.triage.ros.node.NodeDiagnostics;
import dev.triage.ros.node.NodeExtension;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros.node.NodeRuntime;
import dev.triage.ros.tcpros.SubscriptionStats;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.CompressedImage;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.Float32;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Ros2Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Triage node over ROS 2 (Cyclone DDS), a thin host of one {@link CameraPipeline} through the
 * {@link NodeRuntime} it shares with the ROS 1 node: {@code ~image} (sensor_msgs/msg/Image) or
 * {@code ~image/compressed} (CompressedImage, jpeg/png; image_transport's naming), SensorDataQoS: best effort, keep
 * last 5, which takes reliable and best-effort cameras alike, into the pipeline (latest only), optional
 * {@code ~speed} (std_msgs/msg/Float32, m/s) into its speed port, {@code ~detections}, {@code ~lanes} and
 * {@code ~context} and {@code ~markers} out ({@link Ros2ResultSink}), {@code ~debug/image} ({@link Ros2DebugImageTap}) and
 * {@code /diagnostics} (reliable) with the ROS 1 node's vocabulary ({@link NodeDiagnostics}); with use_sim_time the node's clock follows {@code /clock}
 * (rosgraph_msgs/msg/Clock), which stamps diagnostics and judges image stamps. Topics, budget, gate frequency and
 * pixel limit come from the same {@link NodeOptions} as the ROS 1 node, and the worker follows the same thread
 * policy (restarted and counted as {@code errors.thread_died}; OutOfMemoryError exits 3). The caller owns the
 * participant. {@link NodeExtension}s ride along as in the ROS 1 node (the CARLA loop).
 *
 * <pre>{@code
 * try (DdsParticipant dds = DdsParticipant.create(domainId);
 *      Ros2PerceptionNode node = Ros2PerceptionNode.start(dds, "/triage", NodeOptions.defaults("/triage"),
 *              stack.addTo(CameraWorker.builder()))) {
 *     shutdown.await();
 * }
 * }</pre>
 */
public final class Ros2PerceptionNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Ros2PerceptionNode.class.getName());

    private final NodeRuntime runtime;
    private final Ros2ResultSink results;
    private final DdsReader<?> images;
    private final DdsReader<dev.triage.ros2.msg.Clock> clockReader;
    private final DdsReader<Float32> speedReader;
    private final Ros2DebugImageTap debugImage;
    private final DdsWriter<DiagnosticArray> diagnostics;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong conversionErrors = new AtomicLong();
    private final String nodeName;
    private final NodeExtensions extensions;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Ros2PerceptionNode(DdsParticipant dds, String nodeName, NodeOptions options, CameraWorker.Builder worker,
                               List<NodeExtension> extensions) {
        this.nodeName = nodeName;
        this.extensions = new NodeExtensions(extensions);
        this.results = new Ros2ResultSink(dds, options);
        this.diagnostics = dds.createWriter(DdsParticipant.rosTopic(options.diagnosticsTopic()),
                Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE);
        RosClock clock = NodeRuntime.clockFor(options);
        // /clock: best effort keep last 5 takes reliable and best-effort clock publishers (rosbag2, simulators);
        // subscribed for the extensions even without use_sim_time, as in ROS 1
        this.clockReader = options.useSimTime() || !this.extensions.isEmpty()
                ? dds.createReader(DdsParticipant.rosTopic("/clock"), Ros2Types.CLOCK, QosProfile.SENSOR_DATA,
                m -> onClock(clock, m.toNanos()), e -> { })
                : null;
        this.debugImage = new Ros2DebugImageTap(dds, options.debugImageTopic(), options.budget().toNanos() / 1e6);
        worker.addSink(results);
        this.extensions.addSinksTo(worker);  // after the publishing sink: they see what went out
        this.runtime = NodeRuntime.start(nodeName, options, clock, worker.addTap(debugImage),
                ThreadPolicy.exitOnOutOfMemory());
        // ~speed: best effort keep last 5 takes reliable and best-effort speedometers alike
        this.speedReader = options.speedTopic().map(t -> dds.createReader(DdsParticipant.rosTopic(t),
                Ros2Types.FLOAT32, QosProfile.SENSOR_DATA, m -> runtime.speed(m.data()),
                e -> conversionErrors.incrementAndGet())).orElse(null);
        String imageTopic = DdsParticipant.rosTopic(options.transport().topic(options.imageTopic()));
        this.images = options.transport() == ImageTransport.COMPRESSED
                ? dds.createReader(imageTopic, Ros2Types.COMPRESSED_IMAGE, QosProfile.SENSOR_DATA,
                this::onCompressed, e -> conversionErrors.incrementAndGet())
                : dds.createReader(imageTopic, Ros2Types.IMAGE, QosProfile.SENSOR_DATA, this::onImage,
                e -> conversionErrors.incrementAndGet());
        runtime.publishDiagnostics(this::snapshot, a -> diagnostics.write(toRos2(a)));
        LOG.log(System.Logger.Level.INFO, nodeName + " (ROS 2): images from " + imageTopic
                + ", detections on " + options.detectionsTopic() + ", diagnostics on " + options.diagnosticsTopic());
    }

    /**
     * Starts the node's pipeline.
     *
     * @param nodeName the node's fully qualified name ({@code /perception/triage}), used in diagnostics
     * @param worker   a builder with the gate, experts and policy set; this node adds its sink, and the pipeline
     *                 the rest
     */
    public static Ros2PerceptionNode start(DdsParticipant dds, String nodeName, NodeOptions options,
                                           CameraWorker.Builder worker) {
        return start(dds, nodeName, options, worker, List.of());
    }

    /**
     * Starts the node's pipeline with {@code extensions} riding along as in the ROS 1 node (see
     * {@link NodeExtension}: image stamps, {@code /clock} ticks, results and problems, diagnostics keys); the node
     * closes them when it stops.
     */
    public static Ros2PerceptionNode start(DdsParticipant dds, String nodeName, NodeOptions options,
                                           CameraWorker.Builder worker, List<NodeExtension> extensions) {
        return new Ros2PerceptionNode(Objects.requireNonNull(dds), nodeName, Objects.requireNonNull(options),
                Objects.requireNonNull(worker), extensions);
    }

    private void onClock(RosClock clock, long simNanos) {
        if (options().useSimTime()) {
            clock.update(new dev.triage.ros.msg.rosgraph.Clock(Time.ofNanos(simNanos)));
        }
        extensions.onClock(simNanos);
    }

    private void onImage(dev.triage.ros2.msg.Image m) {
        if (closed.get()) {
            return;
        }
        long stamp = m.header().toNanos();
        Frame frame = new Frame(seq.getAndIncrement(), stamp, runtime.captureMonoNanos(stamp),
                m.header().frameId(), new Image.Raw(m.width(), m.height(), m.encoding(), m.step(), m.data()),
                Optional.empty());
        extensions.onImage(stamp);  // before the pipeline has it: an extension sees the image before its result
        runtime.image(frame);
    }

    private void onCompressed(CompressedImage m) {
        if (closed.get()) {
            return;
        }
        long stamp = m.header().toNanos();
        // the ROS 1 decoder's container rule ("bgr8; jpeg compressed bgr8" -> jpeg), on a ROS 1 record of the same fields
        var ros1 = new dev.triage.ros.msg.sensor.CompressedImage(new dev.triage.ros.msg.std.Header(0,
                Time.ofNanos(stamp), m.header().frameId()), m.format(), m.data());
        Frame frame = RosImageDecoder.toFrame(ros1, seq.getAndIncrement(), runtime.captureMonoNanos(stamp));
        extensions.onImage(stamp);
        runtime.image(frame);
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
        return runtime.snapshot(transport, conversionErrors.get(),
                runtime.options().transport().topic(runtime.options().imageTopic()), extensions.diagnostics());
    }

    /** The pipeline's counters and latencies since start. */
    public PipelineSummary summary() {
        return runtime.summary();
    }

    /** Overlay images built for {@code ~debug/image} (only while a reader is matched). */
    public long debugImagesDrawn() {
        return debugImage.imagesDrawn();
    }

    /** The options this node runs with. */
    public NodeOptions options() {
        return runtime.options();
    }

    /** The node's fully qualified name. */
    public String name() {
        return nodeName;
    }

    /** Stops taking images, lets the worker finish its frame, and deletes this node's readers and writers. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Closeables.closeAll(images, clockReader, speedReader, runtime, extensions, results, debugImage, diagnostics);
    }
}
