package dev.triage.ros;

import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.ColorRGBA;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.ConnectionHeader;
import dev.triage.ros.tcpros.PublicationStats;
import dev.triage.ros.tcpros.SubscriptionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java node against Debian's rosmaster, rostopic and rosnode (rospy), on 127.0.0.1. */
@Timeout(60)
class RosInteropTest {

    @TempDir
    static Path tmp;
    static RosMaster master;

    @BeforeAll
    static void startMaster() throws Exception {
        master = RosMaster.start(tmp);
    }

    @AfterAll
    static void stopMaster() throws Exception {
        if (master != null) {
            master.close();
        }
    }

    static Header header(String frame) {
        return new Header(0, new Time(1_700_000_000, 5), frame);
    }

    /** Publishes {@code msg} every 50 ms on a daemon thread until the returned flag is cleared. */
    static <T> AtomicBoolean keepPublishing(Publisher<T> pub, T msg) {
        AtomicBoolean on = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (on.get()) {
                pub.publish(msg);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return on;
    }

    static void await(BooleanSupplier cond, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void rostopicEchoDecodesJavaFloat32AndImage() throws Exception {
        try (RosNode node = RosNode.start(master.config("/java_pub"))) {
            Publisher<Float32> f = node.advertise("/t_float", StdMsgs.FLOAT32, PublisherOptions.defaults());
            Publisher<Image> img = node.advertise("/t_image", SensorMsgs.IMAGE, PublisherOptions.defaults());
            byte[] px = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255};
            AtomicBoolean a = keepPublishing(f, new Float32(1.5f));
            AtomicBoolean b = keepPublishing(img, new Image(header("cam"), 2, 2, "rgb8", false, 6, px));
            try {
                String out = master.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/t_float");
                assertTrue(out.contains("data: 1.5"), out);
                out = master.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/t_image");
                assertTrue(out.contains("frame_id: \"cam\""), out);
                assertTrue(out.contains("secs: 1700000000"), out);
                assertTrue(out.contains("encoding: \"rgb8\""), out);
                assertTrue(out.contains("step: 6"), out);
                assertTrue(out.contains("data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]"), out);
            } finally {
                a.set(false);
                b.set(false);
            }
        }
    }

    @Test
    void javaSubscriberReceivesRostopicPub() throws Exception {
        BlockingQueue<Float32> got = new ArrayBlockingQueue<>(100);
        BlockingQueue<Image> images = new ArrayBlockingQueue<>(100);
        try (RosNode node = RosNode.start(master.config("/java_sub"))) {
            node.subscribe("/t_in", StdMsgs.FLOAT32, SubscriptionOptions.defaults(), got::offer);
            node.subscribe("/t_img_in", SensorMsgs.IMAGE, SubscriptionOptions.defaults(), images::offer);
            Process p = master.tool(tmp.resolve("pub_in.log"), "rostopic", "pub", "-r", "10", "/t_in",
                    "std_msgs/Float32", "data: 2.5");
            Process q = master.tool(tmp.resolve("pub_img.log"), "rostopic", "pub", "-r", "10", "/t_img_in",
                    "sensor_msgs/Image", "{header: {frame_id: cam0}, height: 1, width: 2, encoding: bgr8, step: 6, "
                            + "data: [1, 2, 3, 4, 5, 250]}");
            try {
                Float32 m = got.poll(20, TimeUnit.SECONDS);
                assertNotNull(m, "no Float32 from rostopic pub");
                assertEquals(2.5f, m.data());
                Image img = images.poll(20, TimeUnit.SECONDS);
                assertNotNull(img, "no Image from rostopic pub");
                assertEquals("cam0", img.header().frameId());
                assertEquals("bgr8", img.encoding());
                assertEquals(2, img.width());
                assertEquals(6, img.step());
                assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 250),
                        java.util.stream.IntStream.range(0, 6).mapToObj(i -> img.data()[i]).toList());
            } finally {
                p.destroy();
                q.destroy();
                p.waitFor();
                q.waitFor();
            }
        }
    }

    @Test
    void latchedMessageReachesLateRostopicEcho() throws Exception {
        try (RosNode node = RosNode.start(master.config("/java_latch"))) {
            Publisher<Float32> f = node.advertise("/t_latched", StdMsgs.FLOAT32, PublisherOptions.latched());
            f.publish(new Float32(7.25f));
            String out = master.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/t_latched");
            assertTrue(out.contains("data: 7.25"), out);
        }
    }

    @Test
    void md5MismatchIsRefusedBothWays() throws Exception {
        try (RosNode node = RosNode.start(master.config("/java_mismatch"))) {
            // rospy publisher of std_msgs/String; this node subscribes with Float32: rospy must refuse us
            Subscriber<Float32> sub = node.subscribe("/t_mm", StdMsgs.FLOAT32, SubscriptionOptions.defaults(), m -> { });
            Process p = master.tool(tmp.resolve("pub_mm.log"), "rostopic", "pub", "-r", "10", "/t_mm",
                    "std_msgs/String", "data: x");
            try {
                await(() -> sub.stats().refused() > 0, Duration.ofSeconds(20), "refusal by rospy");
                assertEquals(0, sub.stats().received());
            } finally {
                p.destroy();
                p.waitFor();
            }
            // this node publishes Float32; a peer announcing ColorRGBA's md5 gets an error header
            Publisher<Float32> pub = node.advertise("/t_mm2", StdMsgs.FLOAT32, PublisherOptions.defaults());
            ConnectionHeader reply = handshake(node, Map.of("callerid", "/evil", "topic", "/t_mm2",
                    "type", "std_msgs/ColorRGBA", "md5sum", StdMsgs.COLOR_RGBA.md5()));
            assertTrue(reply.get("error").orElse("").contains("md5sum mismatch"), reply.toString());
            assertEquals(0, pub.subscriberCount());
            // and a Java subscriber of the wrong type is refused by this node's publisher
            Subscriber<ColorRGBA> wrong = node.subscribe("/t_mm2", StdMsgs.COLOR_RGBA, SubscriptionOptions.defaults(),
                    m -> { });
            await(() -> wrong.stats().refused() > 0, Duration.ofSeconds(10), "refusal by the Java publisher");
            // rostopic's "*" md5 is accepted
            ConnectionHeader any = handshake(node, Map.of("callerid", "/any", "topic", "/t_mm2", "type", "*",
                    "md5sum", "*"));
            assertEquals(StdMsgs.FLOAT32.md5(), any.get("md5sum").orElseThrow(), any.toString());
        }
    }

    /** Makes a raw TCPROS handshake with {@code node}'s publisher and returns its answer. */
    static ConnectionHeader handshake(RosNode node, Map<String, String> fields) throws Exception {
        List<?> r = (List<?>) new dev.triage.ros.xmlrpc.XmlRpcClient(Duration.ofSeconds(2)).call(node.slaveUri(),
                "requestTopic", "/probe", fields.get("topic"), List.of(List.of("TCPROS")));
        List<?> proto = (List<?>) r.get(2);
        try (Socket s = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
            s.getOutputStream().write(new ConnectionHeader(fields).encode());
            return ConnectionHeader.read(s.getInputStream());
        }
    }

    @Test
    void subscriberThatNeverReadsDoesNotSlowThePublisher() throws Exception {
        try (RosNode node = RosNode.start(master.config("/java_fast"))) {
            Publisher<Image> pub = node.advertise("/t_slow", SensorMsgs.IMAGE, new PublisherOptions(false, 4));
            List<?> r = (List<?>) new dev.triage.ros.xmlrpc.XmlRpcClient(Duration.ofSeconds(2)).call(node.slaveUri(),
                    "requestTopic", "/stuck", "/t_slow", List.of(List.of("TCPROS")));
            List<?> proto = (List<?>) r.get(2);
            try (Socket stuck = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
                stuck.setReceiveBufferSize(4096);
                OutputStream out = stuck.getOutputStream();
                out.write(new ConnectionHeader(Map.of("callerid", "/stuck", "topic", "/t_slow",
                        "type", SensorMsgs.IMAGE.name(), "md5sum", SensorMsgs.IMAGE.md5())).encode());
                InputStream in = stuck.getInputStream();
                ConnectionHeader.read(in);
                await(() -> pub.subscriberCount() == 1, Duration.ofSeconds(5), "stuck subscriber");
                Image frame = new Image(header("cam"), 480, 640, "rgb8", false, 1920, new byte[640 * 480 * 3]);
                int n = 200;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    pub.publish(frame);
                }
                double perMsgMs = (System.nanoTime() - t0) / 1e6 / n;
                PublicationStats s = pub.stats();
                assertTrue(perMsgMs < 20, "publish took " + perMsgMs + " ms per 640x480 frame");
                assertEquals(n, s.published());
                assertTrue(s.dropped() >= n - 4 - 20, "dropped " + s.dropped() + " of " + n + " " + s);
            }
        }
    }

    @Test
    void subscriberReconnectsWhenThePublisherVanishesAndReturns() throws Exception {
        BlockingQueue<Float32> got = new ArrayBlockingQueue<>(1000);
        try (RosNode node = RosNode.start(master.config("/java_follow"))) {
            Subscriber<Float32> sub = node.subscribe("/t_vanish", StdMsgs.FLOAT32,
                    SubscriptionOptions.defaults().withQueueSize(100), got::offer);
            Process p = master.tool(tmp.resolve("v1.log"), "rostopic", "pub", "-r", "20", "/t_vanish",
                    "std_msgs/Float32", "data: 1.0");
            assertNotNull(got.poll(20, TimeUnit.SECONDS), "no message from the first publisher");
            p.destroyForcibly().waitFor();   // vanishes without unregistering
            await(() -> sub.stats().publishers() == 0, Duration.ofSeconds(5), "link to drop");
            got.clear();
            Process q = master.tool(tmp.resolve("v2.log"), "rostopic", "pub", "-r", "20", "/t_vanish",
                    "std_msgs/Float32", "data: 2.0");
            try {
                long t0 = System.nanoTime();
                Float32 m;
                do {
                    m = got.poll(20, TimeUnit.SECONDS);
                    assertNotNull(m, "no message after the publisher came back");
                } while (m.data() != 2.0f);
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15));
                assertTrue(sub.stats().connects() >= 2, sub.stats().toString());
            } finally {
                q.destroy();
                q.waitFor();
            }
        }
    }

    @Test
    void oversizedMessageIsRefusedBeforeAllocation() throws Exception {
        try (RosNode pubNode = RosNode.start(master.config("/java_big"));
             RosNode subNode = RosNode.start(master.config("/java_small"))) {
            Publisher<Image> pub = pubNode.advertise("/t_big", SensorMsgs.IMAGE, PublisherOptions.defaults());
            Subscriber<Image> sub = subNode.subscribe("/t_big", SensorMsgs.IMAGE,
                    SubscriptionOptions.defaults().withMaxMessageBytes(10_000), m -> { });
            await(() -> pub.subscriberCount() == 1, Duration.ofSeconds(10), "subscriber");
            Image big = new Image(header("cam"), 100, 100, "mono8", false, 100, new byte[20_000]);
            await(() -> {
                pub.publish(big);
                return sub.stats().oversized() > 0;
            }, Duration.ofSeconds(10), "oversized refusal");
            assertEquals(0, sub.stats().received());
        }
    }

    @Test
    void closeUnregistersEverything() throws Exception {
        URI slave;
        try (RosNode node = RosNode.start(master.config("/java_gone"))) {
            node.advertise("/t_gone_pub", StdMsgs.FLOAT32, PublisherOptions.defaults());
            node.subscribe("/t_gone_sub", StdMsgs.FLOAT32, SubscriptionOptions.defaults(), m -> { });
            assertTrue(node.master().getSystemState().mentions("/java_gone"));
            String nodes = master.run(Duration.ofSeconds(20), "rosnode", "list");
            assertTrue(nodes.contains("/java_gone"), nodes);
            String info = master.run(Duration.ofSeconds(20), "rosnode", "info", "/java_gone");
            assertTrue(info.contains("/t_gone_pub") && info.contains("/t_gone_sub"), info);
            slave = node.slaveUri();
        }
        try (RosNode other = RosNode.start(master.config("/java_observer"))) {
            assertFalse(other.master().getSystemState().mentions("/java_gone"));
        }
        String nodes = master.run(Duration.ofSeconds(20), "rosnode", "list");
        assertFalse(nodes.contains("/java_gone"), nodes);
        String info = master.run(Duration.ofSeconds(20), "rostopic", "info", "/t_gone_pub");
        assertFalse(info.contains("/java_gone"), info);
        assertFalse(slave.toString().isEmpty());
    }
}
