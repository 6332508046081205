package dev.triage.launch.node;

import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.ros2.dds.CPeer;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ROS 2 node ({@code triage node --ros2} wiring, in-process) against a real peer: a C program on Debian's
 * libddsc with idlc-generated sensor_msgs/Image and vision_msgs/Detection2DArray publishes 640x480 rgb8 camera
 * frames best effort on {@code /camera/image_raw} and subscribes {@code /perception/triage/detections}; the
 * detections it decodes must carry each input's stamp and frame_id. Malformed images (data shorter than
 * step x height) and a restarted peer do not stop the node; /diagnostics (reliable) counts them. Loopback only
 * (CYCLONEDDS_URI from the surefire configuration), a random DDS domain; the budget comes from a ROS 2
 * {@code --params-file}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Ros2NodeIntegrationTest {

    @TempDir
    static Path tmp;
    static Path peer;
    static int domain;
    static Ros2NodeLauncher.Running node;
    static DdsParticipant probe;
    static DdsReader<DiagnosticArray> diagnostics;
    static final ConcurrentLinkedDeque<DiagnosticArray> DIAGNOSTICS = new ConcurrentLinkedDeque<>();
    static DdsReader<SceneContext> context;
    static final ConcurrentLinkedDeque<SceneContext> CONTEXT = new ConcurrentLinkedDeque<>();
    static DdsReader<LaneArray> lanes;
    static final ConcurrentLinkedDeque<LaneArray> LANES = new ConcurrentLinkedDeque<>();

    @BeforeAll
    static void start() throws Exception {
        Ros2InProcess.requireCycloneOnLoopback();
        CPeer.assumeTools();
        peer = CPeer.build(tmp, "ros2_peer.c");
        domain = Ros2InProcess.domainIn(100, 100);
        Path params = tmp.resolve("triage.param.yaml");
        Files.writeString(params, "/**:\n  ros__parameters:\n    budget_ms: 200\n    image_transport: raw\n");
        node = Ros2InProcess.start(tmp, domain, "-r", "~/image:=/camera/image_raw",
                "-r", "__ns:=/perception", "-r", "__node:=triage", "--params-file", params.toString());
        probe = DdsParticipant.create(domain);
        diagnostics = probe.createReader(DdsParticipant.rosTopic("/diagnostics"), Ros2Types.DIAGNOSTIC_ARRAY,
                QosProfile.RELIABLE, DIAGNOSTICS::add, e -> { });
        context = probe.createReader(DdsParticipant.rosTopic("/perception/triage/context"), Ros2Types.SCENE_CONTEXT,
                QosProfile.RELIABLE, CONTEXT::add, e -> { });
        lanes = probe.createReader(DdsParticipant.rosTopic("/perception/triage/lanes"), Ros2Types.LANE_ARRAY,
                QosProfile.RELIABLE, LANES::add, e -> { });
    }

    @AfterAll
    static void stop() {
        if (diagnostics != null) diagnostics.close();
        if (context != null) context.close();
        if (lanes != null) lanes.close();
        if (probe != null) probe.close();
        if (node != null) node.close();
    }

    static String run(Path dir, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("ROS_DOMAIN_ID", Integer.toString(domain));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    /** Runs the C camera; returns the detection lines it printed, checked for stamp and frame_id. */
    static List<String[]> camera(String frameId, int count, String... extra) throws Exception {
        return camera("rt/camera/image_raw", "rt/perception/triage/detections", frameId, count, extra);
    }

    static List<String[]> camera(String imageTopic, String detTopic, String frameId, int count, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(peer.toString(), "camera", imageTopic, detTopic,
                Integer.toString(count), "10", frameId));
        cmd.addAll(List.of(extra));
        String out = run(tmp, cmd.toArray(String[]::new));
        assertTrue(out.contains("published " + count), out);
        List<String[]> dets = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("det ")) {
                String[] f = line.split(" ");
                int sec = Integer.parseInt(f[1]);
                assertTrue(sec >= 1000 && sec < 1000 + count, "stamp of an input image: " + line);
                assertEquals(1000L * (sec - 1000), Long.parseLong(f[2]), "nanosec kept: " + line);
                assertEquals(frameId, f[3], "frame_id kept: " + line);
                dets.add(f);
            }
        }
        return dets;
    }

    static Map<String, String> lastPipelineStatus() {
        return lastPipelineStatus("perception/triage: pipeline");
    }

    static Map<String, String> lastPipelineStatus(String name) {
        for (var it = DIAGNOSTICS.descendingIterator(); it.hasNext(); ) {
            for (DiagnosticArray.Status s : it.next().status()) {
                if (s.name().equals(name)) {
                    Map<String, String> kv = new java.util.HashMap<>();
                    s.values().forEach(v -> kv.put(v.key(), v.value()));
                    return kv;
                }
            }
        }
        return Map.of();
    }

    @Test
    @Order(1)
    void detectionsKeepStampAndFrameIdAndMalformedImagesDoNotStopTheNode() throws Exception {
        List<String[]> dets = camera("cam_ros2", 20, "malformed");
        assertTrue(dets.size() >= 5, "detections for the camera's images: " + dets.size() + " of 20");
        assertTrue(node.node().summary().framesProcessed() >= dets.size());
        // ~context and ~lanes (triage_msgs) for the same images, same stamps and frame_id
        assertTrue(CONTEXT.size() >= dets.size() - 2, "context messages: " + CONTEXT.size());
        for (SceneContext c : CONTEXT) {
            assertEquals("cam_ros2", c.header().frameId());
            assertEquals(1000L * (c.header().sec() - 1000), c.header().nanosec());
            assertTrue(c.scenes().contains(c.scene()), c.scene() + " in " + c.scenes());
            assertEquals(c.scenes().size(), c.probabilities().length);
            assertEquals(c.scenes().size(), c.rawProbabilities().length);
            assertTrue(!c.expertsRun().isEmpty());
        }
        assertTrue(LANES.size() >= dets.size() - 2, "lane messages: " + LANES.size());
        LANES.forEach(l -> assertEquals(640, l.imageWidth()));
        LANES.forEach(l -> l.lanes().forEach(lane -> assertEquals(lane.points().size(), lane.pointConfidence().length,
                "one point confidence per lane point")));
        long end = System.currentTimeMillis() + 5000;
        Map<String, String> kv = Map.of();
        while (System.currentTimeMillis() < end) {
            kv = lastPipelineStatus();
            if (!kv.isEmpty() && Long.parseLong(kv.get("errors.decode_failed")) >= 1
                    && Long.parseLong(kv.get("frames_in")) >= 20) break;
            Thread.sleep(100);
        }
        assertTrue(Long.parseLong(kv.getOrDefault("errors.decode_failed", "0")) >= 1, "malformed counted: " + kv);
        assertTrue(Long.parseLong(kv.getOrDefault("frames_in", "0")) >= 20, "frames_in: " + kv);
        assertEquals("/camera/image_raw", kv.get("image_topic"));
        assertEquals(200.0, Double.parseDouble(kv.get("budget_ms")), 1e-9, "budget from the --params-file");
        assertTrue(kv.containsKey("latency_ms.end_to_end.p50") && kv.containsKey("deadline_misses"), kv.toString());
    }

    @Test
    @Order(2)
    void restartedPeerGetsDetectionsAgain() throws Exception {
        List<String[]> dets = camera("cam_restarted", 10);
        assertTrue(dets.size() >= 3, "detections after the peer restarted: " + dets.size() + " of 10");
    }

    @Test
    @Order(3)
    void compressedImagesThroughImageTransportNaming() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(640, 480,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                img.setRGB(x, y, (x * 255 / 639) * 0x010101);
            }
        }
        Path jpeg = tmp.resolve("frame.jpg");
        assertTrue(javax.imageio.ImageIO.write(img, "jpg", jpeg.toFile()));
        try (Ros2NodeLauncher.Running compressed = Ros2InProcess.start(tmp, domain, "-r", "~/image:=/camera/image_raw",
                "-r", "__ns:=/perception", "-r", "__node:=triage_c", "-p", "image_transport:=compressed",
                "-p", "budget_ms:=200")) {
            List<String[]> dets = camera("rt/camera/image_raw/compressed", "rt/perception/triage_c/detections",
                    "cam_jpeg", 15, "malformed", "jpeg=" + jpeg);
            assertTrue(dets.size() >= 5, "detections for the JPEG images: " + dets.size() + " of 15");
            long end = System.currentTimeMillis() + 5000;
            Map<String, String> kv = Map.of();
            while (System.currentTimeMillis() < end) {
                kv = lastPipelineStatus("perception/triage_c: pipeline");
                if (!kv.isEmpty() && Long.parseLong(kv.get("errors.decode_failed")) >= 1) break;
                Thread.sleep(100);
            }
            assertEquals("/camera/image_raw/compressed", kv.get("image_topic"), kv.toString());
            assertTrue(Long.parseLong(kv.getOrDefault("errors.decode_failed", "0")) >= 1, "bad JPEG counted: " + kv);
            assertTrue(compressed.node().summary().framesProcessed() >= dets.size());
        }
    }

    @Test
    @Order(4)
    void useSimTimeFollowsClock() throws Exception {
        try (Ros2NodeLauncher.Running sim = Ros2InProcess.start(tmp, domain, "-r", "__ns:=/perception",
                "-r", "__node:=triage_s", "-p", "use_sim_time:=true");
             var clock = probe.createWriter(DdsParticipant.rosTopic("/clock"), Ros2Types.CLOCK, QosProfile.RELIABLE)) {
            assertTrue(sim.node().options().useSimTime());
            long simNow = 5_000_000_000_000L;   // 5000 s of simulation
            int statusSec = -1;
            long end = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < end && statusSec < 5000) {
                clock.write(dev.triage.ros2.msg.Clock.ofNanos(simNow));
                simNow += 50_000_000L;
                Thread.sleep(50);
                for (var it = DIAGNOSTICS.descendingIterator(); it.hasNext(); ) {
                    DiagnosticArray a = it.next();
                    if (a.status().stream().anyMatch(st -> st.name().equals("perception/triage_s: pipeline"))) {
                        statusSec = a.header().sec();
                        break;
                    }
                }
            }
            assertTrue(statusSec >= 5000 && statusSec < 5100, "diagnostics stamped with /clock time: " + statusSec);
        }
    }
}
