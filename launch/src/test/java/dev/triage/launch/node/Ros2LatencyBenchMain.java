package dev.triage.launch.node;

import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros2.dds.CPeer;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.node.Ros2PerceptionNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Manual benchmark (not a test), the ROS 2 counterpart of {@link RosLatencyBenchMain}: the C peer (libddsc,
 * idlc types, its own process) publishes 640x480 rgb8 sensor_msgs/Image best effort at 20 and then 30 Hz to the
 * Triage ROS 2 node (in this JVM, configured models) and takes its Detection2DArray (reliable); per frame total =
 * the peer's write → take round trip, pipeline = the frame's stage timings, transport + queueing = the difference
 * (XCDR serialisation both ways, UDP on loopback, reader thread, mailbox wait). 40 warm-up frames per rate are left
 * out. Needs CYCLONEDDS_URI (the loopback config), idlc and gcc. Run from the repo root after
 * {@code mvn -o install -DskipTests}:
 * <pre>
 * CYCLONEDDS_URI=file://$PWD/ros2/cyclonedds-loopback.xml java -cp launch/target/test-classes:launch/target/classes:$(cat launch/target/runtime-classpath.txt) \
 *     dev.triage.launch.node.Ros2LatencyBenchMain [config.yaml] [frames-per-rate]
 * </pre>
 */
public final class Ros2LatencyBenchMain {

    private Ros2LatencyBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String uri = System.getenv("CYCLONEDDS_URI");
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("set CYCLONEDDS_URI to the loopback config (ros2/cyclonedds-loopback.xml)");
        }
        Path repo = Path.of(System.getProperty("triage.repo.root", ".")).toAbsolutePath().normalize();
        Optional<Path> config = args.length > 0 && !args[0].isBlank() ? Optional.of(Path.of(args[0])) : Optional.empty();
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int warmup = 40;
        Path tmp = Files.createTempDirectory("triage-bench-ros2");
        Ros2NodeIntegrationTest.tmp = tmp;
        Ros2NodeIntegrationTest.domain = 200 + (int) (ProcessHandle.current().pid() % 30);
        Path peer = CPeer.build(tmp, "ros2_peer.c");
        try (PerceptionStack stack = StackFactory.create(new ConfigLoader().load(config), repo);
             DdsParticipant dds = DdsParticipant.create(Ros2NodeIntegrationTest.domain)) {
            Map<Long, Long> pipelineNanos = new ConcurrentHashMap<>();
            CameraWorker.Builder worker = stack.addTo(CameraWorker.builder()).addSink((PerceptionResult r) ->
                    pipelineNanos.put(r.stampNanos(), r.timings().nanosByStage().values().stream()
                            .mapToLong(Long::longValue).sum()));
            NodeOptions options = NodeOptions.defaults("/triage").withImage("/camera/image_raw", ImageTransport.RAW);
            try (Ros2PerceptionNode node = Ros2PerceptionNode.start(dds, "/triage", options, worker)) {
                System.out.println("rate  frames  received  total p50/p99 ms  pipeline p50/p99 ms  transport+queue p50/p99 ms");
                for (int rate : new int[]{20, 30}) {
                    pipelineNanos.clear();
                    ProcessBuilder pb = new ProcessBuilder(peer.toString(), "camera", "rt/camera/image_raw",
                            "rt/triage/detections", Integer.toString(frames + warmup), Integer.toString(rate),
                            "camera").redirectErrorStream(true);
                    pb.environment().put("ROS_DOMAIN_ID", Integer.toString(Ros2NodeIntegrationTest.domain));
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes());
                    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        throw new IllegalStateException("peer failed:\n" + out);
                    }
                    LatencyRow row = new LatencyRow();
                    for (String line : out.split("\n")) {
                        String[] f = line.split(" ");
                        if (!line.startsWith("det ") || f.length < 6) {
                            continue;
                        }
                        int i = Integer.parseInt(f[1]) - 1000;
                        long rtt = Long.parseLong(f[5]);
                        long stamp = Integer.parseInt(f[1]) * 1_000_000_000L + Long.parseLong(f[2]);
                        Long work = pipelineNanos.get(stamp);
                        if (i >= warmup && rtt >= 0 && work != null) {
                            row.add(rtt / 1e3, work / 1e6);
                        }
                    }
                    row.print(String.format(Locale.ROOT, "%4d", rate), frames);
                }
                System.out.println("stage p50/p99 ms since start: " + node.summary().latencyMs());
            }
        }
    }
}
