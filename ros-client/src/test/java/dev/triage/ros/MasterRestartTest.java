package dev.triage.ros;

import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rosmaster crash and restart: the node registers again and messages flow to new subscribers within 5 s; a live
 * link to a rospy driver that does not re-register (D2) keeps delivering across the restart.
 */
@Timeout(90)
class MasterRestartTest {

    @TempDir
    Path tmp;

    @Test
    void nodeRegistersAgainAfterRosmasterRestart() throws Exception {
        try (RosMaster master = RosMaster.start(tmp);
             RosNode pubNode = RosNode.start(master.config("/restart_pub"))) {
            Publisher<Float32> pub = pubNode.advertise("/t_restart", StdMsgs.FLOAT32, PublisherOptions.defaults());
            AtomicBoolean on = RosInteropTest.keepPublishing(pub, new Float32(3.5f));
            try {
                String out = master.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/t_restart");
                assertTrue(out.contains("data: 3.5"), out);

                master.kill();
                RosInteropTest.await(() -> !pubNode.masterReachable(), Duration.ofSeconds(5), "master loss noticed");
                long t0 = System.nanoTime();
                master.launch();
                RosInteropTest.await(() -> pubNode.reRegistrations() >= 1, Duration.ofSeconds(5), "re-registration");
                // a Java subscriber that only knows the new master
                BlockingQueue<Float32> got = new ArrayBlockingQueue<>(100);
                try (RosNode subNode = RosNode.start(master.config("/restart_sub"))) {
                    subNode.subscribe("/t_restart", StdMsgs.FLOAT32, SubscriptionOptions.defaults(), got::offer);
                    Float32 m = got.poll(5, TimeUnit.SECONDS);
                    assertNotNull(m, "no message within 5 s of the restart");
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds < 5.5, "messages flowed again only after " + seconds + " s");
                // and Debian's rostopic sees the publisher too
                out = master.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/t_restart");
                assertTrue(out.contains("data: 3.5"), out);
            } finally {
                on.set(false);
            }
        }
    }

    /**
     * D2: a rospy driver ({@code rostopic pub -r 20}) keeps publishing while rosmaster is killed and restarted. rospy
     * does not register again with the new master, so the new master lists no publisher of the topic; the Java
     * subscriber's healthy link must keep delivering (as roscpp's does), not be closed by the re-registration.
     */
    @Test
    void liveLinkToARospyDriverSurvivesARosmasterRestart() throws Exception {
        AtomicLong got = new AtomicLong();
        try (RosMaster master = RosMaster.start(tmp);
             RosNode node = RosNode.start(master.config("/restart_follower"))) {
            Subscriber<Float32> sub = node.subscribe("/cam_restart", StdMsgs.FLOAT32,
                    SubscriptionOptions.defaults().withQueueSize(100), m -> got.incrementAndGet());
            Process driver = master.tool(tmp.resolve("driver.log"), "rostopic", "pub", "-r", "20", "/cam_restart",
                    "std_msgs/Float32", "data: 4.0");
            try {
                RosInteropTest.await(() -> got.get() >= 10, Duration.ofSeconds(30), "the driver's messages");
                master.kill();
                RosInteropTest.await(() -> !node.masterReachable(), Duration.ofSeconds(5), "master loss noticed");
                master.launch();
                RosInteropTest.await(() -> node.reRegistrations() >= 1, Duration.ofSeconds(5), "re-registration");
                Thread.sleep(1000);   // the re-registration's answer (no publishers) has been applied
                long before = got.get();
                Thread.sleep(5000);
                long inFive = got.get() - before;
                assertTrue(inFive >= 60, "only " + inFive + " messages in the 5 s after the master restart (20 Hz "
                        + "driver still running); " + sub.stats());
                assertTrue(sub.stats().publishers() == 1, sub.stats().toString());
            } finally {
                driver.destroyForcibly().waitFor();
            }
            // the orphaned link goes once its driver is gone, and is not retried
            RosInteropTest.await(() -> sub.stats().publishers() == 0, Duration.ofSeconds(5), "link to go");
        }
    }
}
