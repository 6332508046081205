package dev.triage.ros;

import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.tcpros.SubscriptionOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Manual measurement, not a test: loopback publish-to-callback latency of a 640x480 rgb8 Image between two Java
 * nodes (separate TCPROS connection, real rosmaster for discovery), at a fixed rate.
 * Run: {@code java -cp <ros classes, test classes, junit-jupiter-api, opentest4j> dev.triage.ros.LoopbackLatencyMain [hz] [n]}.
 */
public final class LoopbackLatencyMain {

    private LoopbackLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        double hz = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int warmup = 60;
        Path tmp = Files.createTempDirectory("ros-latency");
        long[] sent = new long[n + warmup];
        long[] lat = new long[n + warmup];
        CountDownLatch done = new CountDownLatch(n + warmup);
        try (RosMaster master = RosMaster.start(tmp);
             RosNode pubNode = RosNode.start(master.config("/lat_pub"));
             RosNode subNode = RosNode.start(master.config("/lat_sub"))) {
            Publisher<Image> pub = pubNode.advertise("/lat/image", SensorMsgs.IMAGE, PublisherOptions.defaults());
            subNode.subscribe("/lat/image", SensorMsgs.IMAGE, SubscriptionOptions.defaults().withQueueSize(4), img -> {
                int i = img.header().seq();
                lat[i] = System.nanoTime() - sent[i];
                done.countDown();
            });
            while (pub.subscriberCount() == 0) {
                Thread.sleep(10);
            }
            byte[] px = new byte[640 * 480 * 3];
            long period = (long) (1e9 / hz);
            long next = System.nanoTime();
            for (int i = 0; i < n + warmup; i++) {
                sent[i] = System.nanoTime();
                pub.publish(new Image(new Header(i, Time.ofNanos(System.currentTimeMillis() * 1_000_000L), "cam"),
                        480, 640, "rgb8", false, 1920, px));
                next += period;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            boolean all = done.await(10, TimeUnit.SECONDS);
            long[] m = Arrays.stream(Arrays.copyOfRange(lat, warmup, n + warmup)).filter(v -> v > 0).sorted().toArray();
            System.out.printf("640x480 rgb8 at %.0f Hz, %d messages (%s): p50 %.3f ms, p99 %.3f ms, max %.3f ms, "
                            + "publish stats %s%n", hz, m.length, all ? "all received" : "SOME LOST",
                    m[m.length / 2] / 1e6, m[(int) (m.length * 0.99)] / 1e6, m[m.length - 1] / 1e6, pub.stats());
        }
    }
}
