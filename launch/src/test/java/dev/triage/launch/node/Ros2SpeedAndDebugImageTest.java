package dev.triage.launch.node;

import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.Float32;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ROS 2 node's {@code ~speed} (std_msgs/msg/Float32, with {@code use_speed:=true}) and {@code ~debug/image}
 * (the replay overlay, bgr8, the input's stamp and frame_id, drawn only while a reader is matched), against Java
 * DDS peers on Cyclone DDS over loopback (the C and Fast DDS peers of {@code Ros2NodeIntegrationTest} cover
 * interoperability); speed samples show in /diagnostics as {@code speed.received} and {@code speed.last_mps}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Ros2SpeedAndDebugImageTest {
    private static final int W = 320;
    private static final int H = 240;

    @TempDir
    Path tmp;

    @Test
    void speedReachesTheNodeAndTheDebugImageIsTheOverlayOfEachInput() throws Exception {
        Ros2InProcess.requireCycloneOnLoopback();
        int domain = Ros2InProcess.domainIn(200, 30);
        ConcurrentLinkedDeque<Image> overlays = new ConcurrentLinkedDeque<>();
        ConcurrentLinkedDeque<DiagnosticArray> diagnostics = new ConcurrentLinkedDeque<>();
        try (Ros2NodeLauncher.Running node = Ros2InProcess.start(tmp, domain, "-r", "~/image:=/speedcam/image_raw",
                "-r", "__ns:=/perception", "-r", "__node:=triage_v", "-p", "use_speed:=true", "-p", "budget_ms:=500");
             DdsParticipant probe = DdsParticipant.create(domain);
             DdsWriter<Image> camera = probe.createWriter(DdsParticipant.rosTopic("/speedcam/image_raw"),
                     Ros2Types.IMAGE, QosProfile.RELIABLE);
             DdsWriter<Float32> speed = probe.createWriter(DdsParticipant.rosTopic("/perception/triage_v/speed"),
                     Ros2Types.FLOAT32, QosProfile.RELIABLE);
             DdsReader<Image> debug = probe.createReader(DdsParticipant.rosTopic("/perception/triage_v/debug/image"),
                     Ros2Types.IMAGE, QosProfile.SENSOR_DATA, overlays::add, e -> { });
             DdsReader<DiagnosticArray> diag = probe.createReader(DdsParticipant.rosTopic("/diagnostics"),
                     Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE, diagnostics::add, e -> { })) {
            assertTrue(node.node().options().speedTopic().isPresent(), "use_speed:=true subscribes ~speed");
            awaitMatched(() -> camera.matchedReaders() > 0 && speed.matchedReaders() > 0
                    && debug.matchedWriters() > 0, "DDS matching");
            byte[] pixels = new byte[W * H * 3];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i % 251);
            }
            long end = System.currentTimeMillis() + 30_000;
            int sent = 0;
            while (System.currentTimeMillis() < end && (overlays.size() < 5 || speedReceived(diagnostics) < 10)) {
                speed.write(new Float32(22.5f));
                camera.write(new Image(new Header(2000 + sent, 7000, "speedcam"), H, W, "rgb8", false, W * 3,
                        pixels));
                sent++;
                Thread.sleep(100);
            }
            assertTrue(overlays.size() >= 5, "debug images received: " + overlays.size() + " for " + sent + " sent");
            for (Image overlay : overlays) {
                assertEquals("bgr8", overlay.encoding());
                assertEquals(W, overlay.width());
                assertEquals(H, overlay.height());
                assertEquals("speedcam", overlay.header().frameId());
                assertEquals(7000, overlay.header().nanosec(), "the input image's stamp");
                assertTrue(overlay.header().sec() >= 2000 && overlay.header().sec() < 2000 + sent);
            }
            assertTrue(node.node().debugImagesDrawn() >= overlays.size());
            Map<String, String> kv = lastStatus(diagnostics, "perception/triage_v: pipeline");
            assertTrue(speedReceived(diagnostics) >= 10, "speed.received in the last /diagnostics of the node ("
                    + diagnostics.size() + " received in " + sent + " frames' time): " + kv);
            assertEquals(22.5, Double.parseDouble(kv.get("speed.last_mps")), 1e-3, kv.toString());
        }
    }

    private static long speedReceived(ConcurrentLinkedDeque<DiagnosticArray> diagnostics) {
        return Long.parseLong(lastStatus(diagnostics, "perception/triage_v: pipeline").getOrDefault("speed.received",
                "0"));
    }

    private static Map<String, String> lastStatus(ConcurrentLinkedDeque<DiagnosticArray> diagnostics, String name) {
        for (var it = diagnostics.descendingIterator(); it.hasNext(); ) {
            for (DiagnosticArray.Status s : it.next().status()) {
                if (s.name().equals(name)) {
                    Map<String, String> kv = new HashMap<>();
                    s.values().forEach(v -> kv.put(v.key(), v.value()));
                    return kv;
                }
            }
        }
        return Map.of();
    }

    private static void awaitMatched(java.util.function.BooleanSupplier matched, String what) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (!matched.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, what + " within 10 s");
            Thread.sleep(50);
        }
    }
}
