package dev.triage.launch.node;

import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.vision.Detection2DArray;
import dev.triage.ros.msg.vision.VisionMsgs;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros.node.PerceptionNode;
import dev.triage.ros.tcpros.SubscriptionOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manual benchmark (not a test): a 640x480 rgb8 sensor_msgs/Image published on loopback by one Java node, through
 * a Debian rosmaster, to the Triage node (in this JVM, with the configured models), until its
 * vision_msgs/Detection2DArray is received by the first node. Per frame: total = receive - publish; pipeline = the
 * frame's stage timings (decode, preprocess, gate, experts, postprocess) plus publish-stage serialization;
 * transport + queueing = total - pipeline (serialization, TCPROS both ways, callback hand-off, mailbox wait).
 * Run from the repo root after {@code mvn -o install -DskipTests}:
 * <pre>
 * mvn -o -q -pl launch exec:java ... (or) java -cp launch/target/test-classes:launch/target/classes:$(cat launch/target/runtime-classpath.txt) \
 *     dev.triage.launch.node.RosLatencyBenchMain [config.yaml] [frames-per-rate]
 * </pre>
 */
public final class RosLatencyBenchMain {

    private RosLatencyBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("triage.repo.root", ".")).toAbsolutePath().normalize();
        Optional<Path> config = args.length > 0 && !args[0].isBlank() ? Optional.of(Path.of(args[0])) : Optional.empty();
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path tmp = Files.createTempDirectory("triage-bench-ros");
        try (RosPeers peers = RosPeers.start(tmp, repo);
             PerceptionStack stack = StackFactory.create(new ConfigLoader().load(config), repo);
             RosNode triage = RosNode.start(peers.config("/triage"));
             RosNode camera = RosNode.start(peers.config("/bench_camera"))) {
            Map<Long, Long> pipelineNanos = new ConcurrentHashMap<>();
            CameraWorker.Builder worker = stack.addTo(CameraWorker.builder()).addSink((PerceptionResult r) ->
                    pipelineNanos.put(r.stampNanos(), r.timings().nanosByStage().values().stream()
                            .mapToLong(Long::longValue).sum()));
            NodeOptions options = NodeOptions.defaults("/triage").withImage("/camera/image_raw",
                    dev.triage.ros.node.ImageTransport.RAW);
            try (PerceptionNode node = PerceptionNode.start(triage, options, worker)) {
                Map<Long, Long> sentAt = new ConcurrentHashMap<>();
                Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
                Publisher<Image> pub = camera.advertise("/camera/image_raw", SensorMsgs.IMAGE,
                        PublisherOptions.defaults());
                Subscriber<Detection2DArray> sub = camera.subscribe("/triage/detections",
                        VisionMsgs.DETECTION_2D_ARRAY, SubscriptionOptions.defaults().withQueueSize(100),
                        m -> receivedAt.put(m.header().stamp().toNanos(), System.nanoTime()));
                RosPeers.await(() -> pub.subscriberCount() == 1 && sub.stats().publishers() == 1,
                        Duration.ofSeconds(20), "connections");
                byte[] pixels = new byte[640 * 480 * 3];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (byte) (i % 640 * 255 / 639);
                }
                System.out.println("rate  frames  received  total p50/p99 ms  pipeline p50/p99 ms  transport+queue p50/p99 ms");
                for (double rate : new double[]{20, 30}) {
                    sentAt.clear();
                    receivedAt.clear();
                    pipelineNanos.clear();
                    long period = (long) (1e9 / rate);
                    long start = System.nanoTime();
                    int warmup = 40;
                    for (int i = 0; i < frames + warmup; i++) {
                        long stamp = System.currentTimeMillis() * 1_000_000L + i % 1_000_000;
                        long now = System.nanoTime();
                        if (i >= warmup) {
                            sentAt.put(stamp, now);
                        }
                        pub.publish(new Image(new Header(i, Time.ofNanos(stamp), "camera"), 480, 640, "rgb8", false,
                                1920, pixels));
                        long next = start + (i + 1) * period;
                        while (System.nanoTime() < next) {
                            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                        }
                    }
                    Thread.sleep(1000);
                    LatencyRow row = new LatencyRow();
                    for (var e : sentAt.entrySet()) {
                        Long got = receivedAt.get(e.getKey());
                        Long work = pipelineNanos.get(e.getKey());
                        if (got != null && work != null) {
                            row.add((got - e.getValue()) / 1e6, work / 1e6);
                        }
                    }
                    row.print(String.format(Locale.ROOT, "%4.0f", rate), frames);
                }
                System.out.println("stage p50/p99 ms since start: " + node.summary().latencyMs());
            }
        }
    }
}
