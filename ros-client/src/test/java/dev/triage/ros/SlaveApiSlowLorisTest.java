package dev.triage.ros;

import dev.triage.ros.fault.SlowLoris;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * D1: a slow-loris client on the slave XML-RPC port (80 connections that send only a request line, 4 that announce
 * a body and never send it, re-opened whenever closed) while the camera driver restarts. The master's
 * publisherUpdate must still be answered, so the subscriber connects to the new driver (Debian rosmaster and rospy's
 * {@code rostopic pub} as the driver).
 */
@Timeout(120)
class SlaveApiSlowLorisTest {

    @TempDir
    Path tmp;

    @Test
    void cameraRestartDuringASlowLorisIsStillFollowed() throws Exception {
        AtomicLong got = new AtomicLong();
        try (RosMaster master = RosMaster.start(tmp);
             RosNode node = RosNode.start(master.config("/victim"))) {
            node.subscribe("/cam_loris", StdMsgs.FLOAT32, SubscriptionOptions.defaults().withQueueSize(100),
                    (Float32 m) -> got.incrementAndGet());
            Process first = master.tool(tmp.resolve("pub1.log"), "rostopic", "pub", "-r", "20", "/cam_loris",
                    "std_msgs/Float32", "data: 1.0");
            try {
                RosInteropTest.await(() -> got.get() >= 5, Duration.ofSeconds(30), "the first driver's messages");
            } finally {
                first.destroyForcibly().waitFor();
            }
            InetSocketAddress slave = new InetSocketAddress(node.slaveUri().getHost(), node.slaveUri().getPort());
            try (SlowLoris loris = new SlowLoris(slave, 80, 4)) {
                Thread.sleep(500);
                long before = got.get();
                long t0 = System.nanoTime();
                Process second = master.tool(tmp.resolve("pub2.log"), "rostopic", "pub", "-r", "20", "/cam_loris",
                        "std_msgs/Float32", "data: 2.0");
                try {
                    // rostopic pub takes 1-3 s to start on a busy 2-core machine; then 20 Hz
                    RosInteropTest.await(() -> got.get() >= before + 40, Duration.ofSeconds(30),
                            "40 messages from the restarted driver while the slave port is held");
                    double s = (System.nanoTime() - t0) / 1e9;
                    assertTrue(s < 20, "restarted driver followed only after " + s + " s");
                } finally {
                    second.destroyForcibly().waitFor();
                }
            }
            // and the slave API answers at once after the attack
            long t1 = System.nanoTime();
            node.master().getPid();
            new dev.triage.ros.xmlrpc.XmlRpcClient(Duration.ofSeconds(2)).call(node.slaveUri(), "getPid", "/probe");
            assertTrue((System.nanoTime() - t1) / 1e6 < 1000);
        }
    }
}
