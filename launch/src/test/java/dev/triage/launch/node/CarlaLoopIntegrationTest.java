package dev.triage.launch.node;

import dev.triage.datasets.synthetic.Route;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.diagnostic.DiagnosticMsgs;
import dev.triage.ros.msg.diagnostic.DiagnosticStatus;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.triage.TriageMsgs;
import dev.triage.ros.msg.vision.VisionMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.CarlaSimPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Triage in a simulated CARLA loop: Debian's rosmaster, the node started by {@code roslaunch triage carla.launch}
 * (use_sim_time), and the CARLA-style publisher replaying a 60 s synthetic drive (urban, highway, urban) at 20 Hz
 * sim time, in lockstep with the node's results as a synchronous bridge that waits for its stack would run.
 * Assumptions about carla-ros-bridge are listed in the sim-bridge README and {@link CarlaSimPublisher}.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class CarlaLoopIntegrationTest {

    private static final String NODE = "/triage_carla";
    private static final CarlaTopics TOPICS = new CarlaTopics("hero", "rgb_front");
    private static final int SEGMENT = 400;

    @TempDir
    Path tmp;

    @Test
    void carlaSimThroughTheRoslaunchedNodeAtTwentyHertzSimTime() throws Exception {
        RosPeers.assumeInstalled();
        Path repo = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
        Optional<Path> modelConfig = RosNodeIntegrationTest.modelConfig(tmp, repo);
        Map<Long, String> scenes = new ConcurrentSkipListMap<>();
        Set<Long> detectionStamps = ConcurrentHashMap.newKeySet();
        AtomicReference<Map<String, String>> diagnostics = new AtomicReference<>(Map.of());
        try (RosPeers peers = RosPeers.start(tmp, repo)) {
            List<String> args = new ArrayList<>(List.of("carla.launch", "role_name:=" + TOPICS.role(),
                    "camera:=" + TOPICS.camera(), "node_name:=" + NODE.substring(1)));
            modelConfig.ifPresent(c -> args.add("config:=" + c));
            Process roslaunch = peers.roslaunch(tmp.resolve("roslaunch.log"), RosPeers.launcherScript(tmp, repo),
                    args);
            try (RosNode probe = RosNode.start(peers.config("/carla_probe"));
                 RosNode badCamera = RosNode.start(peers.config("/bad_camera"));
                 RosNode bridge = RosNode.start(peers.config("/carla_sim"));
                 Subscriber<?> ctx = probe.subscribe(NODE + "/context", TriageMsgs.SCENE_CONTEXT,
                         SubscriptionOptions.defaults().withQueueSize(2000),
                         m -> scenes.put(m.header().stamp().toNanos(), m.scene()));
                 Subscriber<?> det = probe.subscribe(NODE + "/detections", VisionMsgs.DETECTION_2D_ARRAY,
                         SubscriptionOptions.defaults().withQueueSize(2000),
                         m -> detectionStamps.add(m.header().stamp().toNanos()));
                 Subscriber<?> diag = probe.subscribe("/diagnostics", DiagnosticMsgs.DIAGNOSTIC_ARRAY,
                         SubscriptionOptions.defaults().withQueueSize(100), m -> {
                             for (DiagnosticStatus s : m.status()) {
                                 if (s.hardwareId().equals(NODE)) {
                                     Map<String, String> kv = new ConcurrentHashMap<>();
                                     for (KeyValue v : s.values()) {
                                         kv.put(v.key(), v.value());
                                     }
                                     diagnostics.set(kv);
                                 }
                             }
                         });
                 Publisher<Image> bad = badCamera.advertise(TOPICS.image(), SensorMsgs.IMAGE, PublisherOptions.defaults());
                 CarlaSimPublisher sim = CarlaSimPublisher.advertise(bridge, CarlaSimOptions
                         .defaults(Route.parse("urban:" + SEGMENT + "/highway:" + SEGMENT + "/urban:" + SEGMENT))
                         .withNames(TOPICS, 1).withPace(0, Optional.of(NODE + "/context")))) {
                RosPeers.await(() -> sim.subscribed() && bad.subscriberCount() > 0
                                && det.stats().publishers() > 0 && diag.stats().publishers() > 0,
                        Duration.ofSeconds(120), "roslaunch to start " + NODE + "; log:\n" + log("roslaunch.log"));
                assertTrue(peers.run(Duration.ofSeconds(30), "rosparam", "get", "/use_sim_time").strip().equalsIgnoreCase("true"));

                int ticks = sim.ticks();
                assertEquals(3 * SEGMENT, ticks, "a 60 s drive at 20 Hz");
                for (int i = 0; i < ticks / 2; i++) {
                    sim.publish(i);
                }
                // a bgra8 image whose step does not fit its width: counted and skipped
                long lastStamp = sim.stampOf(ticks / 2 - 1);
                bad.publish(new Image(new Header(0, Time.ofNanos(lastStamp), TOPICS.cameraFrame()), 600, 800, "bgra8",
                        false, 800 * 3, new byte[800 * 3 * 600]));
                // the simulator stops for 3 s: no /clock, no images; diagnostics keep coming on wall time
                Thread.sleep(3000);
                Map<String, String> paused = diagnostics.get();
                // the only misses so far are frames the node dropped (late under load), whose ticks the lockstep
                // publisher waited out; a miss raised by the pause itself would have no such timeout
                assertTrue(Long.parseLong(paused.get("sim.missed")) <= sim.lockstepTimeouts(),
                        "a paused simulator raises no miss (" + sim.lockstepTimeouts() + " lockstep timeouts): " + paused);
                for (int i = ticks / 2; i < ticks; i++) {
                    sim.publish(i);
                }
                // the diagnostics snapshot must also have seen the last tick (it is published on its own period)
                RosPeers.await(() -> Long.parseLong(diagnostics.get().getOrDefault("sim.ticks", "0")) >= ticks
                                && Long.parseLong(diagnostics.get().getOrDefault("sim.on_time", "0"))
                                + Long.parseLong(diagnostics.get().getOrDefault("sim.missed", "0")) >= ticks - 1,
                        Duration.ofSeconds(30), "diagnostics to account every tick: " + diagnostics.get());
                Map<String, String> d = diagnostics.get();

                long timeouts = sim.lockstepTimeouts();
                assertTrue(timeouts <= 3, "ticks without a result within 2 s: " + timeouts);
                // outputs carry the sim-time stamps of their inputs
                Set<Long> tickStamps = new java.util.HashSet<>();
                for (int i = 0; i < ticks; i++) {
                    tickStamps.add(sim.stampOf(i));
                }
                assertTrue(tickStamps.containsAll(scenes.keySet()), "context stamps are tick stamps");
                assertTrue(tickStamps.containsAll(detectionStamps), "detection stamps are tick stamps");
                assertTrue(scenes.size() >= ticks - timeouts, scenes.size() + " results for " + ticks + " ticks");

                // every tick processed or counted as missed, in sim time; the pause added no miss
                long ticksSeen = Long.parseLong(d.get("sim.ticks"));
                assertEquals(ticks, ticksSeen, "ticks seen: " + d);
                assertEquals("0", d.get("sim.no_image"), d.toString());
                assertEquals(ticksSeen, Long.parseLong(d.get("sim.on_time")) + Long.parseLong(d.get("sim.missed"))
                        + Long.parseLong(d.get("sim.failed")) + Long.parseLong(d.get("sim.no_image"))
                        + Long.parseLong(d.get("sim.pending")), "every tick resolved once: " + d);
                assertTrue(Long.parseLong(d.get("sim.missed")) <= timeouts, d.toString());
                assertTrue(Long.parseLong(d.get("errors.decode_failed")) >= 1, "bad step counted: " + d);

                // the gate switches at the route's two transitions and nowhere else
                List<String> sequence = new ArrayList<>(scenes.values());
                List<Integer> switches = new ArrayList<>();
                for (int i = 1; i < sequence.size(); i++) {
                    if (!sequence.get(i).equals(sequence.get(i - 1))) {
                        switches.add(i);
                    }
                }
                assertEquals(2, switches.size(), "switches at " + switches);
                assertTrue(Math.abs(switches.get(0) - SEGMENT) <= 40, "first switch at " + switches.get(0));
                assertTrue(Math.abs(switches.get(1) - 2 * SEGMENT) <= 40, "second switch at " + switches.get(1));
                assertEquals("urban", sequence.get(0));
                assertEquals("highway", sequence.get(SEGMENT + 60));

                // live accuracy against the projected ground truth
                assertEquals("live", d.get("gt.status"), d.toString());
                assertTrue(Long.parseLong(d.get("gt.frames")) >= ticks - 50, d.toString());
                double recall = Double.parseDouble(d.get("gt.pedestrian_recall"));
                double precision = Double.parseDouble(d.get("gt.pedestrian_precision"));
                assertTrue(recall > 0.3 && recall <= 1, "live pedestrian recall " + recall);
                assertTrue(precision > 0.3 && precision <= 1, "live pedestrian precision " + precision);
                System.out.printf("carla loop: %d ticks (sim.ticks %s, on_time %s, no_image %s), live pedestrian "
                                + "recall %.3f precision %.3f (%s GT), wall deadline misses %s, latency p50 %s ms p99 %s ms%n", ticks, d.get("sim.ticks"),
                        d.get("sim.on_time"), d.get("sim.no_image"), recall, precision,
                        d.get("gt.pedestrian_count"), d.get("deadline_misses"), d.get("latency_ms.end_to_end.p50"),
                        d.get("latency_ms.end_to_end.p99"));
            } finally {
                RosPeers.interrupt(roslaunch, Duration.ofSeconds(20));
            }
        }
    }

    private String log(String name) {
        try {
            return Files.readString(tmp.resolve(name));
        } catch (Exception e) {
            return "(no " + name + ")";
        }
    }
}
