package dev.triage.ros2.dds;

import dev.triage.ros2.msg.CameraInfo;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.ros2.msg.ObjectArray;
import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.ros2.msg.TfMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ground-truth types of the CARLA loop, Java writer → Java reader through libddsc (idlc's ops serialise the C
 * structs the Java side lays out): every field of CameraInfo, TFMessage and ObjectArray survives.
 */
class SimTypesRoundTripTest extends TwoParticipants {

    private static <T> T roundTrip(String name, dev.triage.ros2.dds.TopicType<T> type, T sent) throws Exception {
        BlockingQueue<T> q = new ArrayBlockingQueue<>(16);
        String topic = DdsParticipant.rosTopic(name);
        try (DdsReader<T> r = b.createReader(topic, type, QosProfile.RELIABLE, q::offer, e -> { });
             DdsWriter<T> w = a.createWriter(topic, type, QosProfile.RELIABLE)) {
            T got = first(q, w, sent, 10_000);
            assertNotNull(got, "no " + type.typeName() + " through DDS");
            assertEquals(0, r.malformed());
            return got;
        }
    }

    @Test
    void cameraInfo() throws Exception {
        double[] k = {800.5, 0, 400.25, 0, 801.5, 300.75, 0, 0, 1};
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = {800.5, 0, 400.25, 1.5, 0, 801.5, 300.75, 2.5, 0, 0, 1, 3.5};
        CameraInfo sent = new CameraInfo(new Header(12, 50_000_000, "ego_vehicle/rgb_front"), 600, 800, "plumb_bob",
                new double[]{-0.1, 0.01, 0.001, -0.002, 0.0003}, k, r, p, 2, 3,
                new CameraInfo.RegionOfInterest(10, 20, 300, 400, true));
        CameraInfo got = roundTrip("/rt_test/camera_info", Ros2SimTypes.CAMERA_INFO, sent);
        assertEquals(sent.header(), got.header());
        assertEquals(600, got.height());
        assertEquals(800, got.width());
        assertEquals("plumb_bob", got.distortionModel());
        assertArrayEquals(sent.d(), got.d());
        assertArrayEquals(k, got.k());
        assertArrayEquals(r, got.r());
        assertArrayEquals(p, got.p());
        assertEquals(2, got.binningX());
        assertEquals(3, got.binningY());
        assertEquals(sent.roi(), got.roi());
    }

    @Test
    void tfMessage() throws Exception {
        TfMessage sent = new TfMessage(List.of(
                new TfMessage.TransformStamped(new Header(5, 1, "map"), "ego_vehicle",
                        new Marker.Vector3(10.5, -3.25, 0.125), new TfMessage.Quaternion(0, 0, 0.3826834, 0.9238795)),
                new TfMessage.TransformStamped(new Header(5, 2, "ego_vehicle"), "ego_vehicle/rgb_front",
                        new Marker.Vector3(2, 0, 2), new TfMessage.Quaternion(0.1, 0.2, 0.3, 0.9273618))));
        TfMessage got = roundTrip("/rt_test/tf", Ros2SimTypes.TF_MESSAGE, sent);
        assertEquals(sent, got);
        assertEquals(new TfMessage(List.of()), roundTrip("/rt_test/tf_empty", Ros2SimTypes.TF_MESSAGE,
                new TfMessage(List.of())));
    }

    @Test
    void tfStaticReachesALateReader() throws Exception {
        TfMessage sent = new TfMessage(List.of(new TfMessage.TransformStamped(new Header(1, 0, "ego_vehicle"),
                "ego_vehicle/rgb_front", new Marker.Vector3(2, 0, 2), new TfMessage.Quaternion(0, 0, 0, 1))));
        String topic = DdsParticipant.rosTopic("/rt_test/tf_static");
        BlockingQueue<TfMessage> q = new ArrayBlockingQueue<>(16);
        try (DdsWriter<TfMessage> w = a.createWriter(topic, Ros2SimTypes.TF_MESSAGE, QosProfile.STATIC)) {
            w.write(sent);  // before any reader exists
            try (DdsReader<TfMessage> r = b.createReader(topic, Ros2SimTypes.TF_MESSAGE, QosProfile.STATIC, q::offer,
                    e -> { })) {
                assertEquals(sent, q.poll(10, TimeUnit.SECONDS), "the latched transform after joining late");
                assertEquals(1, r.matchedWriters());
            }
        }
    }

    @Test
    void objectArray() throws Exception {
        Header map = new Header(7, 950_000_000, "map");
        ObjectArray.DerivedObject walker = new ObjectArray.DerivedObject(map, 4_000_000_123L, 1, true,
                new Marker.Pose(new LaneArray.Point(25.5, -1.5, 0.9), 0, 0, 0.7071068, 0.7071068), 1,
                new double[]{0.5, 0.6, 1.8}, 4, 255, 4_294_967_295L);
        ObjectArray.DerivedObject car = new ObjectArray.DerivedObject(map, 42, 0, false,
                new Marker.Pose(new LaneArray.Point(-3, 4, 0.75), 0, 0, 0, 1), 3, new double[]{1.5, 0.4}, 6, 128, 7);
        ObjectArray sent = new ObjectArray(map, List.of(walker, car));
        ObjectArray got = roundTrip("/rt_test/objects", Ros2SimTypes.OBJECT_ARRAY, sent);
        assertEquals(map, got.header());
        assertEquals(2, got.objects().size());
        for (int i = 0; i < 2; i++) {
            ObjectArray.DerivedObject s = sent.objects().get(i);
            ObjectArray.DerivedObject g = got.objects().get(i);
            assertEquals(s.header(), g.header());
            assertEquals(s.id(), g.id());
            assertEquals(s.detectionLevel(), g.detectionLevel());
            assertEquals(s.objectClassified(), g.objectClassified());
            assertEquals(s.pose(), g.pose());
            assertEquals(s.shapeType(), g.shapeType());
            assertArrayEquals(s.dimensions(), g.dimensions());
            assertEquals(s.classification(), g.classification());
            assertEquals(s.classificationCertainty(), g.classificationCertainty());
            assertEquals(s.classificationAge(), g.classificationAge());
        }
    }

    @Test
    void fixedSizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new CameraInfo(new Header(0, 0, ""), 1, 1, "", new double[0],
                new double[8], new double[9], new double[12], 0, 0, CameraInfo.RegionOfInterest.FULL));
        assertThrows(IllegalArgumentException.class, () -> new ObjectArray.DerivedObject(new Header(0, 0, ""), 0, 0,
                false, Marker.Pose.IDENTITY, 1, new double[4], 0, 0, 0));
    }
}
