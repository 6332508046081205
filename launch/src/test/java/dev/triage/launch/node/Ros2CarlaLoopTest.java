package dev.triage.launch.node;

import dev.triage.datasets.synthetic.Route;
import dev.triage.launch.wiring.Ros2CarlaSim;
import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.Ros2Types;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.SimulatedBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CARLA loop over ROS 2 without CARLA: {@code carla-sim --ros2} ({@link Ros2CarlaSim}) publishes the synthetic
 * drive as the ROS 2 carla-ros-bridge would (/clock, /tf, camera_info, the bgra8 camera, the speedometer and the
 * ground-truth objects, sim time from 1 s at 0.05 s steps), in lockstep with the ROS 2 node started with
 * {@code carla.launch.xml}'s arguments (sim time, speedometer prior, {@code carla_role}); every tick's image must
 * come back as a SceneContext stamped with the tick's sim time, and the node's {@code /diagnostics} must account
 * every tick once in sim time and score live pedestrian accuracy against the projected ground truth, as
 * {@code CarlaLoopIntegrationTest} checks for ROS 1, on Cyclone DDS over loopback.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class Ros2CarlaLoopTest {
    @TempDir
    Path tmp;

    @Test
    void everyTickOfTheSimulatedBridgeGetsItsResultOnSimTime() throws Exception {
        Ros2InProcess.requireCycloneOnLoopback();
        int domain = Ros2InProcess.domainIn(150, 40);
        CarlaTopics topics = CarlaTopics.DEFAULT;
        CarlaSimOptions options = CarlaSimOptions.defaults(Route.parse("urban:30/highway:30"))
                .withPace(0, Optional.of("/triage/context"));
        ConcurrentLinkedDeque<SceneContext> contexts = new ConcurrentLinkedDeque<>();
        AtomicReference<Map<String, String>> diagnostics = new AtomicReference<>(Map.of());
        try (Ros2NodeLauncher.Running node = Ros2InProcess.start(tmp, domain, "-r", "~/image:=" + topics.image(),
                "-r", "~/speed:=" + topics.speedometer(), "-r", "__node:=triage", "-p", "budget_ms:=200",
                "-p", "use_sim_time:=true", "-p", "use_speed:=true", "-p", "carla_role:=" + topics.role(),
                "-p", "carla_camera:=" + topics.camera());
             DdsParticipant dds = DdsParticipant.create(domain);
             DdsReader<SceneContext> probe = dds.createReader(DdsParticipant.rosTopic("/triage/context"),
                     Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE, contexts::add, e -> { });
             DdsReader<DiagnosticArray> diag = dds.createReader(DdsParticipant.rosTopic("/diagnostics"),
                     Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE, m -> keep(m, diagnostics), e -> { });
             SimulatedBridge sim = new Ros2CarlaSim(dds, options)) {
            long end = System.currentTimeMillis() + 10_000;
            while (!sim.subscribed()) {
                assertTrue(System.currentTimeMillis() < end, "the node's readers matched within 10 s");
                Thread.sleep(50);
            }
            int seen = 0;
            for (int i = 0; i < sim.ticks(); i++) {
                seen += sim.publish(i).resultSeen() ? 1 : 0;
            }
            assertEquals(60, sim.ticks());
            assertTrue(seen >= sim.ticks() - 2, "ticks answered in lockstep: " + seen + " of " + sim.ticks()
                    + " (timeouts " + sim.lockstepTimeouts() + ")");
            for (SceneContext c : contexts) {
                long stamp = c.header().toNanos();
                assertEquals(0, (stamp - 1_000_000_000L) % 50_000_000L, "stamped with a tick's sim time: " + stamp);
                assertEquals(topics.cameraFrame(), c.header().frameId());
            }
            assertTrue(node.node().options().useSimTime() && node.node().options().speedTopic().isPresent());
            assertTrue(node.node().summary().framesProcessed() >= seen, node.node().summary().toString());

            // the shared CARLA loop on ROS 2: every tick resolved once in sim time (the last one may stay pending
            // until a later /clock), live accuracy against the projected ground truth
            long ticks = sim.ticks();
            long until = System.currentTimeMillis() + 10_000;
            while (resolved(diagnostics.get()) < ticks - 1 || !diagnostics.get().containsKey("gt.pedestrian_recall")) {
                assertTrue(System.currentTimeMillis() < until, "diagnostics to account every tick: "
                        + diagnostics.get());
                Thread.sleep(100);
            }
            Map<String, String> d = diagnostics.get();
            assertEquals(ticks, Long.parseLong(d.get("sim.ticks")), d.toString());
            assertEquals("0", d.get("sim.no_image"), d.toString());
            assertEquals(ticks, resolved(d) + Long.parseLong(d.get("sim.failed")) + Long.parseLong(d.get("sim.pending")),
                    "every tick resolved once: " + d);
            assertTrue(Long.parseLong(d.get("sim.missed")) <= sim.lockstepTimeouts(), d.toString());
            assertEquals("live", d.get("gt.status"), d.toString());
            assertTrue(Long.parseLong(d.get("gt.frames")) >= seen - 2, d.toString());
            assertEquals("0", d.get("gt.no_pose"), d.toString());
            assertEquals("0", d.get("gt.no_camera_info"), d.toString());
            assertTrue(Long.parseLong(d.get("gt.pedestrian_count")) > 0, d.toString());
            double recall = Double.parseDouble(d.get("gt.pedestrian_recall"));
            double precision = Double.parseDouble(d.get("gt.pedestrian_precision"));
            assertTrue(recall > 0.3 && recall <= 1, "live pedestrian recall " + recall);
            assertTrue(precision > 0.3 && precision <= 1, "live pedestrian precision " + precision);
            System.out.printf("ROS 2 carla loop: %d ticks (on_time %s, missed %s), live pedestrian recall %.3f "
                    + "precision %.3f (%s GT)%n", ticks, d.get("sim.on_time"), d.get("sim.missed"), recall, precision,
                    d.get("gt.pedestrian_count"));
        }
    }

    private static long resolved(Map<String, String> d) {
        return Long.parseLong(d.getOrDefault("sim.on_time", "0")) + Long.parseLong(d.getOrDefault("sim.missed", "0"));
    }

    /** Keeps the key/values of the status that carries the CARLA loop's keys. */
    private static void keep(DiagnosticArray m, AtomicReference<Map<String, String>> into) {
        for (DiagnosticArray.Status s : m.status()) {
            Map<String, String> kv = new HashMap<>();
            s.values().forEach(v -> kv.put(v.key(), v.value()));
            if (kv.containsKey("sim.ticks")) {
                into.set(kv);
            }
        }
    }
}
