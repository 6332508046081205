package dev.triage.ros2.dds;

import dev.triage.ros2.msg.CameraInfo;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.ros2.msg.ObjectArray;
import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.ros2.msg.Ros2Types;
import dev.triage.ros2.msg.TfMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java ↔ a C program on libddsc with idlc-generated types (the layer under rmw_cyclonedds): the C camera's
 * images reach a Java SensorDataQoS reader with every field intact, from a best-effort and from a reliable writer;
 * a Java Detection2DArray is decoded by the C side field by field (ROS 2 Humble+ vision_msgs layout), and so are
 * the CARLA loop's ground-truth types (CameraInfo, TFMessage, ObjectArray): Java's struct layout is idlc's.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CPeerInteropTest {

    @TempDir
    static Path dir;
    static Path peer;
    static int domain;
    static DdsParticipant java;

    @BeforeAll
    static void build() throws Exception {
        Ros2TestSupport.requireLoopbackConfig();
        peer = CPeer.build(dir, "ros2_peer.c");
        domain = Ros2TestSupport.testDomain();
        java = DdsParticipant.create(domain);
    }

    @AfterAll
    static void close() {
        if (java != null) java.close();
    }

    private static Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(peer.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ROS_DOMAIN_ID", Integer.toString(domain));
        return pb.start();
    }

    private static List<String> lines(Process p) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    private void cameraToJava(boolean reliable) throws Exception {
        String tag = reliable ? "rel" : "be";
        ConcurrentLinkedQueue<Image> got = new ConcurrentLinkedQueue<>();
        try (DdsReader<Image> r = java.createReader("rt/interop_" + tag + "/image", Ros2Types.IMAGE,
                QosProfile.SENSOR_DATA, got::add, e -> { });
             DdsWriter<Detection2DArray> w = java.createWriter("rt/interop_" + tag + "/detections",
                     Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE)) {
            Process p = reliable
                    ? start("camera", "rt/interop_" + tag + "/image", "rt/interop_" + tag + "/detections", "10", "20",
                    "cam_" + tag, "reliable")
                    : start("camera", "rt/interop_" + tag + "/image", "rt/interop_" + tag + "/detections", "10", "20",
                    "cam_" + tag);
            List<String> out = lines(p);
            assertEquals(0, p.exitValue(), String.join("\n", out));
            assertTrue(got.size() >= 8, "images from the C camera: " + got.size() + " of 10");
            for (Image m : got) {
                int i = m.header().sec() - 1000;
                assertTrue(i >= 0 && i < 10, "stamp " + m.header());
                assertEquals(1000 * i, m.header().nanosec());
                assertEquals("cam_" + tag, m.header().frameId());
                assertEquals(480, m.height());
                assertEquals(640, m.width());
                assertEquals("rgb8", m.encoding());
                assertEquals(1920, m.step());
                assertEquals(640 * 480 * 3, m.data().length);
                assertEquals((byte) 255, m.data()[1919]);
                assertEquals((byte) (100 * 255 / 639), m.data()[1920 * 7 + 300]);
            }
            assertTrue(r.matchedWriters() == 0 || r.matchedWriters() == 1);
        }
    }

    @Test
    void bestEffortCameraToJava() throws Exception {
        cameraToJava(false);
    }

    @Test
    void reliableCameraToJava() throws Exception {
        cameraToJava(true);
    }

    @Test
    void javaDetectionsDecodedByC() throws Exception {
        Process p = start("echo", "rt/interop/detections", "1");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", r.readLine());
        Header h = new Header(1001, 2002, "camera_front");
        Detection2DArray msg = new Detection2DArray(h, List.of(
                new Detection2D(h, List.of(new Detection2D.Hypothesis("pedestrian", 0.8125)), 320.5, 240.25, 0.5,
                        40, 90, "0"),
                new Detection2D(h, List.of(new Detection2D.Hypothesis("vehicle", 0.5),
                        new Detection2D.Hypothesis("cyclist", 0.25)), 10, 20, 0, 30, 40, "1")));
        List<String> out = new ArrayList<>();
        try (DdsWriter<Detection2DArray> w = java.createWriter("rt/interop/detections", Ros2Types.DETECTION_2D_ARRAY,
                QosProfile.RELIABLE)) {
            long end = System.currentTimeMillis() + 20_000;
            while (w.matchedReaders() == 0 && System.currentTimeMillis() < end) Thread.sleep(20);
            w.write(msg);
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join("\n", out));
        assertEquals(List.of(
                "det 1001 2002 camera_front 2 -1",
                "d 1001 2002 camera_front id=0 n=1 class=pedestrian score=0.8125 w=1.0 cx=320.500 cy=240.250 "
                        + "theta=0.500 sx=40.000 sy=90.000",
                "d 1001 2002 camera_front id=1 n=2 class=vehicle score=0.5000 w=1.0 class=cyclist score=0.2500 w=1.0 "
                        + "cx=10.000 cy=20.000 theta=0.000 sx=30.000 sy=40.000"), out);
    }

    @Test
    void javaGroundTruthDecodedByC() throws Exception {
        Process p = start("truth", "rt/interop/camera_info", "rt/interop/tf", "rt/interop/objects");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", r.readLine());
        CameraInfo info = new CameraInfo(new Header(12, 50_000_000, "ego/rgb_front"), 600, 800, "plumb_bob",
                new double[]{-0.125, 0.5}, new double[]{800.5, 0, 400.25, 0, 801.5, 300.75, 0, 0, 1},
                new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[]{800.5, 0, 400.25, 1.5, 0, 801.5, 300.75, 2.5,
                0, 0, 1, 3.5}, 2, 3, new CameraInfo.RegionOfInterest(10, 20, 300, 400, true));
        TfMessage tf = new TfMessage(List.of(
                new TfMessage.TransformStamped(new Header(12, 50_000_000, "map"), "ego",
                        new Marker.Vector3(10.5, -3.25, 0.125), new TfMessage.Quaternion(0, 0, 0.6, 0.8)),
                new TfMessage.TransformStamped(new Header(12, 50_000_001, "ego"), "ego/rgb_front",
                        new Marker.Vector3(2, 0, 2), new TfMessage.Quaternion(0.5, -0.5, 0.5, -0.5))));
        Header map = new Header(12, 50_000_000, "map");
        ObjectArray objects = new ObjectArray(map, List.of(
                new ObjectArray.DerivedObject(map, 4_000_000_123L, 1, true,
                        new Marker.Pose(new LaneArray.Point(25.5, -1.5, 0.875), 0, 0, 0.6, 0.8), 1,
                        new double[]{0.5, 0.625, 1.75}, 4, 255, 4_294_967_295L),
                new ObjectArray.DerivedObject(new Header(11, 7, "odom"), 42, 0, false,
                        new Marker.Pose(new LaneArray.Point(-3, 4, 0.75), 0, 0, 0, 1), 3, new double[]{1.5, 0.25}, 6,
                        128, 7)));
        List<String> out = new ArrayList<>();
        try (DdsWriter<CameraInfo> wc = java.createWriter("rt/interop/camera_info", Ros2SimTypes.CAMERA_INFO,
                QosProfile.RELIABLE);
             DdsWriter<TfMessage> wt = java.createWriter("rt/interop/tf", Ros2SimTypes.TF_MESSAGE, QosProfile.RELIABLE);
             DdsWriter<ObjectArray> wo = java.createWriter("rt/interop/objects", Ros2SimTypes.OBJECT_ARRAY,
                     QosProfile.RELIABLE)) {
            long end = System.currentTimeMillis() + 20_000;
            while ((wc.matchedReaders() == 0 || wt.matchedReaders() == 0 || wo.matchedReaders() == 0)
                    && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            wc.write(info);
            wt.write(tf);
            wo.write(objects);
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join("\n", out));
        assertEquals(new TreeSet<>(List.of(
                "ci 12 50000000 ego/rgb_front 800x600 plumb_bob d=-0.125,0.5 k=800.5,0,400.25,0,801.5,300.75,0,0,1 "
                        + "r=1,0,0,0,1,0,0,0,1 p=800.5,0,400.25,1.5,0,801.5,300.75,2.5,0,0,1,3.5 bin=2,3 "
                        + "roi=10,20,300,400,1",
                "tf 2",
                "t 12 50000000 map <- ego 10.5,-3.25,0.125 0,0,0.6,0.8",
                "t 12 50000001 ego <- ego/rgb_front 2,0,2 0.5,-0.5,0.5,-0.5",
                "oa 12 50000000 map 2",
                "o 12 50000000 map id=4000000123 level=1 classified=1 pose=25.5,-1.5,0.875,0,0,0.6,0.8 twist=0 "
                        + "accel=0 polygon=0 shape=1 dims=0.5,0.625,1.75 shape_polygon=0 class=4 certainty=255 "
                        + "age=4294967295",
                "o 11 7 odom id=42 level=0 classified=0 pose=-3,4,0.75,0,0,0,1 twist=0 accel=0 polygon=0 shape=3 "
                        + "dims=1.5,0.25 shape_polygon=0 class=6 certainty=128 age=7")), new TreeSet<>(out));
        // each message's lines stay together and in order
        assertEquals(out.indexOf("tf 2") + 1, out.indexOf("t 12 50000000 map <- ego 10.5,-3.25,0.125 0,0,0.6,0.8"));
        assertEquals(out.indexOf("oa 12 50000000 map 2") + 2, out.indexOf(
                "o 11 7 odom id=42 level=0 classified=0 pose=-3,4,0.75,0,0,0,1 twist=0 accel=0 polygon=0 shape=3 "
                        + "dims=1.5,0.25 shape_polygon=0 class=6 certainty=128 age=7"));
    }
}
