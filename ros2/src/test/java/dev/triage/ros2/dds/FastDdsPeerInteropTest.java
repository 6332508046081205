package dev.triage.ros2.dds;

import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-vendor: Java on Cyclone DDS ↔ a C++ program on eProsima Fast DDS 2.9 (the DDS of rmw_fastrtps_cpp) with
 * fastddsgen types, ROS 2 names ({@code rt/...}, {@code sensor_msgs::msg::dds_::Image_}) and XCDR1. The Fast DDS
 * camera's 640x480 rgb8 images reach a Java SensorDataQoS reader with every field intact, while Fast DDS samples
 * that only claim to be an Image_ (truncated, lengths past the end, a string without NUL) never come out as
 * images; for each image Java answers with a Detection2DArray under its header, which the peer decodes field by
 * field. The peer's UDP sockets are all bound to 127.0.0.1.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FastDdsPeerInteropTest {

    static int domain;
    static DdsParticipant java;

    @BeforeAll
    static void build() throws Exception {
        Ros2TestSupport.requireLoopbackConfig();
        FastDdsPeer.executable();
        domain = Ros2TestSupport.testDomain();
        java = DdsParticipant.create(domain);
    }

    @AfterAll
    static void close() {
        if (java != null) java.close();
    }

    /** What Java answers to an image: two detections, three hypotheses, under the image's header. */
    static Detection2DArray answer(Header h) {
        return new Detection2DArray(h, List.of(
                new Detection2D(h, List.of(new Detection2D.Hypothesis("pedestrian", 0.8125)), 320.5, 240.25, 0.5,
                        40, 90, "0"),
                new Detection2D(h, List.of(new Detection2D.Hypothesis("vehicle", 0.5),
                        new Detection2D.Hypothesis("cyclist", 0.25)), 10, 20, 0, 30, 40, "1")));
    }

    @Test
    void fastDdsCameraToJavaAndDetectionsBack() throws Exception {
        ConcurrentLinkedQueue<Image> got = new ConcurrentLinkedQueue<>();
        Map<Header, Detection2DArray> answered = new ConcurrentHashMap<>();
        try (DdsWriter<Detection2DArray> w = java.createWriter("rt/fastdds/detections", Ros2Types.DETECTION_2D_ARRAY,
                QosProfile.RELIABLE);
             DdsReader<Image> r = java.createReader("rt/fastdds/image", Ros2Types.IMAGE, QosProfile.SENSOR_DATA,
                     img -> {
                         got.add(img);
                         Detection2DArray a = answer(img.header());
                         answered.put(img.header(), a);
                         w.write(a);
                     }, e -> { });
             PeerProcess peer = PeerProcess.start(FastDdsPeer.executable(), FastDdsPeer.environment(domain),
                     "camera", "rt/fastdds/image", "rt/fastdds/detections", "10", "20", "cam_fastdds", "malformed")) {
            long end = System.currentTimeMillis() + 20_000;
            while (got.isEmpty() && System.currentTimeMillis() < end) Thread.sleep(20);
            List<String> sockets = UdpBindings.of(peer.pid());
            assertFalse(sockets.isEmpty(), "the peer's UDP sockets");
            assertTrue(sockets.stream().allMatch(UdpBindings::isLoopback), "Fast DDS on 127.0.0.1 only: " + sockets);

            List<String> out = peer.finish(30);
            assertTrue(out.contains("published 10"), String.join("\n", out));
            assertTrue(out.stream().noneMatch(l -> l.contains("failed")), "every write accepted: " + out);
            assertTrue(got.size() >= 8, "images from the Fast DDS camera: " + got.size() + " of 10");
            assertEquals(0, r.malformed(), "Cyclone drops the malformed samples before they reach Java");
            for (Image m : got) {
                int i = m.header().sec() - 1000;
                assertTrue(i >= 0 && i < 10, "stamp of a good image: " + m.header());
                assertEquals(1000 * i, m.header().nanosec());
                assertEquals("cam_fastdds", m.header().frameId());
                assertEquals(480, m.height());
                assertEquals(640, m.width());
                assertEquals("rgb8", m.encoding());
                assertFalse(m.bigEndian());
                assertEquals(1920, m.step());
                assertEquals(640 * 480 * 3, m.data().length);
                assertEquals((byte) 255, m.data()[1919]);
                assertEquals((byte) (100 * 255 / 639), m.data()[1920 * 7 + 300]);
            }
            List<PeerDetections> decoded = PeerDetections.parse(out);
            assertTrue(decoded.size() >= got.size() - 1, "answers decoded by Fast DDS: " + decoded.size()
                    + " of " + got.size());
            for (PeerDetections d : decoded) {
                assertTrue(answered.containsKey(d.header()), "an answer Java wrote: " + d.header());
                d.assertSameAs(answered.get(d.header()));
            }
        }
    }
}
