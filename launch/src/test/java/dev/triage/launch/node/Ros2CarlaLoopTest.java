package dev.triage.launch.node;

import dev.triage.datasets.synthetic.Route;
import dev.triage.launch.wiring.Ros2Args;
import dev.triage.launch.wiring.Ros2CarlaSim;
import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Ros2Types;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.SimulatedBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CARLA loop over ROS 2 without CARLA: {@code carla-sim --ros2} ({@link Ros2CarlaSim}) publishes the synthetic
 * drive as the ROS 2 carla-ros-bridge would (/clock, the bgra8 camera, the speedometer, sim time from 1 s at 0.05 s
 * steps), in lockstep with the ROS 2 node started with {@code carla.launch.xml}'s arguments (sim time, speedometer
 * prior); every tick's image must come back as a SceneContext stamped with the tick's sim time, on Cyclone DDS over
 * loopback.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class Ros2CarlaLoopTest {
    @TempDir
    Path tmp;

    @Test
    void everyTickOfTheSimulatedBridgeGetsItsResultOnSimTime() throws Exception {
        Path repo = Ros2InProcess.requireCycloneOnLoopback();
        int domain = 150 + ThreadLocalRandom.current().nextInt(40);
        CarlaTopics topics = CarlaTopics.DEFAULT;
        List<String> args = Ros2InProcess.nodeArgs(tmp, repo, "-r", "~/image:=" + topics.image(),
                "-r", "~/speed:=" + topics.speedometer(), "-r", "__node:=triage", "-p", "budget_ms:=200",
                "-p", "use_sim_time:=true", "-p", "use_speed:=true");
        CarlaSimOptions options = CarlaSimOptions.defaults(Route.parse("urban:30/highway:30"))
                .withPace(0, Optional.of("/triage/context"));
        ConcurrentLinkedDeque<SceneContext> contexts = new ConcurrentLinkedDeque<>();
        try (Ros2NodeLauncher.Running node = Ros2NodeLauncher.start(Ros2Args.parse(args, "triage",
                Map.of("ROS_DOMAIN_ID", "" + domain)), Optional.empty(), repo);
             DdsParticipant dds = DdsParticipant.create(domain);
             DdsReader<SceneContext> probe = dds.createReader(DdsParticipant.rosTopic("/triage/context"),
                     Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE, contexts::add, e -> { });
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
        }
    }
}
