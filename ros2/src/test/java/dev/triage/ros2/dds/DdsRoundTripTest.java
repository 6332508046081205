package dev.triage.ros2.dds;

import dev.triage.ros2.msg.CompressedImage;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.DiagnosticArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.ros2.msg.MarkerArray;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java writer → Java reader through libddsc on loopback, two participants: every field of the three types. */
class DdsRoundTripTest extends TwoParticipants {

    @Test
    void imageBestEffortReaderFromReliableWriter() throws Exception {
        BlockingQueue<Image> q = new ArrayBlockingQueue<>(16);
        String topic = DdsParticipant.rosTopic("/rt_test/image");
        try (DdsReader<Image> r = b.createReader(topic, Ros2Types.IMAGE, QosProfile.SENSOR_DATA, q::offer, e -> { });
             DdsWriter<Image> w = a.createWriter(topic, Ros2Types.IMAGE, QosProfile.RELIABLE)) {
            byte[] px = new byte[640 * 480 * 3];
            for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 31);
            Image sent = new Image(new Header(1_700_000_000, 123_456_789, "camera_front"), 480, 640, "rgb8", false,
                    1920, px);
            Image got = first(q, w, sent, 10_000);
            assertNotNull(got, "no image through DDS");
            assertEquals(sent.header(), got.header());
            assertEquals(480, got.height());
            assertEquals(640, got.width());
            assertEquals("rgb8", got.encoding());
            assertEquals(1920, got.step());
            assertArrayEquals(px, got.data());
            assertEquals(1, r.matchedWriters());
        }
    }

    @Test
    void triageMsgsContextAndLanes() throws Exception {
        Header h = new Header(77, 88, "cam");
        BlockingQueue<SceneContext> cq = new ArrayBlockingQueue<>(16);
        String ct = DdsParticipant.rosTopic("/rt_test/context");
        try (DdsReader<SceneContext> r = b.createReader(ct, Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE, cq::offer,
                e -> { });
             DdsWriter<SceneContext> w = a.createWriter(ct, Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE)) {
            SceneContext sent = new SceneContext(h, "highway", List.of("urban", "highway", "night"),
                    new float[]{0.1f, 0.8f, 0.1f}, new float[]{0.2f, 0.7f, 0.1f}, true, List.of("highway", "urban"), 3,
                    12.5f, true);
            SceneContext got = first(cq, w, sent, 10_000);
            assertNotNull(got);
            assertEquals(h, got.header());
            assertEquals("highway", got.scene());
            assertEquals(sent.scenes(), got.scenes());
            assertArrayEquals(sent.probabilities(), got.probabilities());
            assertArrayEquals(sent.rawProbabilities(), got.rawProbabilities());
            assertTrue(got.uncertain());
            assertEquals(sent.expertsRun(), got.expertsRun());
            assertEquals(3, got.switchCount());
            assertEquals(12.5f, got.latencyMs());
            assertTrue(got.deadlineMet());
        }
        BlockingQueue<MarkerArray> mq = new ArrayBlockingQueue<>(16);
        String mt = DdsParticipant.rosTopic("/rt_test/markers");
        try (DdsReader<MarkerArray> r = b.createReader(mt, Ros2Types.MARKER_ARRAY, QosProfile.RELIABLE, mq::offer,
                e -> { });
             DdsWriter<MarkerArray> w = a.createWriter(mt, Ros2Types.MARKER_ARRAY, QosProfile.RELIABLE)) {
            MarkerArray sent = new MarkerArray(List.of(
                    new Marker(h, "detections", 0, Marker.LINE_STRIP, Marker.ADD, Marker.Pose.IDENTITY,
                            new Marker.Vector3(2, 0, 0), new Marker.Color(1f, 0.5f, 0.25f, 1f), 0, 500_000_000, false,
                            List.of(new LaneArray.Point(1, 2, 0), new LaneArray.Point(3, 4, 0)), List.of(), "", "",
                            false),
                    new Marker(h, "lanes", 7, Marker.LINE_STRIP, Marker.ADD, new Marker.Pose(
                            new LaneArray.Point(1, 2, 3), 0, 0, 0.6, 0.8), new Marker.Vector3(1, 1, 1),
                            new Marker.Color(0, 0, 1, 0.5f), 2, 3, true, List.of(),
                            List.of(new Marker.Color(0.1f, 0.2f, 0.3f, 0.4f)), "läne ✓", "package://m.dae", true)));
            assertEquals(sent, first(mq, w, sent, 10_000), "every MarkerArray field (Humble layout) round trip");
        }
        BlockingQueue<LaneArray> lq = new ArrayBlockingQueue<>(16);
        String lt = DdsParticipant.rosTopic("/rt_test/lanes");
        try (DdsReader<LaneArray> r = b.createReader(lt, Ros2Types.LANE_ARRAY, QosProfile.RELIABLE, lq::offer, e -> { });
             DdsWriter<LaneArray> w = a.createWriter(lt, Ros2Types.LANE_ARRAY, QosProfile.RELIABLE)) {
            LaneArray sent = new LaneArray(h, 640, 480, List.of(
                    new LaneArray.Lane((byte) 1, (byte) 2, 0.9f, List.of(new LaneArray.Point(1, 2, 0),
                            new LaneArray.Point(3.5, 4.5, 0)), new float[]{0.8f, 1f}),
                    new LaneArray.Lane((byte) 2, (byte) 0, 0.5f, List.of(), new float[0])));
            LaneArray got = first(lq, w, sent, 10_000);
            assertNotNull(got);
            assertEquals(h, got.header());
            assertEquals(640, got.imageWidth());
            assertEquals(480, got.imageHeight());
            assertEquals(2, got.lanes().size());
            for (int i = 0; i < 2; i++) {
                assertEquals(sent.lanes().get(i).slot(), got.lanes().get(i).slot());
                assertEquals(sent.lanes().get(i).type(), got.lanes().get(i).type());
                assertEquals(sent.lanes().get(i).confidence(), got.lanes().get(i).confidence());
                assertEquals(sent.lanes().get(i).points(), got.lanes().get(i).points());
                assertArrayEquals(sent.lanes().get(i).pointConfidence(), got.lanes().get(i).pointConfidence());
            }
        }
    }

    @Test
    void clock() throws Exception {
        BlockingQueue<dev.triage.ros2.msg.Clock> q = new ArrayBlockingQueue<>(16);
        String topic = DdsParticipant.rosTopic("/rt_test/clock");
        try (DdsReader<dev.triage.ros2.msg.Clock> r = b.createReader(topic, Ros2Types.CLOCK, QosProfile.SENSOR_DATA,
                q::offer, e -> { });
             DdsWriter<dev.triage.ros2.msg.Clock> w = a.createWriter(topic, Ros2Types.CLOCK, QosProfile.RELIABLE)) {
            var sent = dev.triage.ros2.msg.Clock.ofNanos(1_234_567_890_123L);
            assertEquals(sent, first(q, w, sent, 10_000));
            assertEquals(1_234_567_890_123L, sent.toNanos());
        }
    }

    @Test
    void compressedImage() throws Exception {
        BlockingQueue<CompressedImage> q = new ArrayBlockingQueue<>(16);
        String topic = DdsParticipant.rosTopic("/rt_test/image/compressed");
        try (DdsReader<CompressedImage> r = b.createReader(topic, Ros2Types.COMPRESSED_IMAGE, QosProfile.SENSOR_DATA,
                q::offer, e -> { });
             DdsWriter<CompressedImage> w = a.createWriter(topic, Ros2Types.COMPRESSED_IMAGE, QosProfile.SENSOR_DATA)) {
            byte[] bytes = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 0, 4};
            CompressedImage sent = new CompressedImage(new Header(5, 6, "cam"), "bgr8; jpeg compressed bgr8", bytes);
            CompressedImage got = first(q, w, sent, 10_000);
            assertNotNull(got);
            assertEquals(sent.header(), got.header());
            assertEquals(sent.format(), got.format());
            assertArrayEquals(bytes, got.data());
        }
    }

    @Test
    void detectionsAndDiagnosticsReliable() throws Exception {
        BlockingQueue<Detection2DArray> q = new ArrayBlockingQueue<>(16);
        String topic = DdsParticipant.rosTopic("/rt_test/detections");
        Header h = new Header(12, 34, "cam");
        Detection2DArray sent = new Detection2DArray(h, List.of(
                new Detection2D(h, List.of(new Detection2D.Hypothesis("pedestrian", 0.75)), 10.5, 20.25, 0, 4, 8, "0"),
                new Detection2D(h, List.of(), 1, 2, 0.5, 3, 4, "")));
        try (DdsReader<Detection2DArray> r = b.createReader(topic, Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE,
                q::offer, e -> { });
             DdsWriter<Detection2DArray> w = a.createWriter(topic, Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE)) {
            assertEquals(sent, first(q, w, sent, 10_000));
        }
        BlockingQueue<DiagnosticArray> dq = new ArrayBlockingQueue<>(16);
        String dtopic = DdsParticipant.rosTopic("/rt_test/diagnostics");
        DiagnosticArray diag = new DiagnosticArray(h, List.of(new DiagnosticArray.Status((byte) 1, "triage: pipeline",
                "ok", "/triage", List.of(new DiagnosticArray.KeyValue("frames_in", "3"),
                new DiagnosticArray.KeyValue("ünïcode", "✓")))));
        try (DdsReader<DiagnosticArray> r = b.createReader(dtopic, Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE,
                dq::offer, e -> { });
             DdsWriter<DiagnosticArray> w = a.createWriter(dtopic, Ros2Types.DIAGNOSTIC_ARRAY, QosProfile.RELIABLE)) {
            assertEquals(diag, first(dq, w, diag, 10_000));
        }
    }

    @Test
    void reliableReaderDoesNotMatchBestEffortWriter() throws Exception {
        String topic = DdsParticipant.rosTopic("/rt_test/be_only");
        try (DdsReader<Image> r = b.createReader(topic, Ros2Types.IMAGE, QosProfile.RELIABLE, m -> { }, e -> { });
             DdsReader<Image> be = b.createReader(topic, Ros2Types.IMAGE, QosProfile.SENSOR_DATA, m -> { }, e -> { });
             DdsWriter<Image> w = a.createWriter(topic, Ros2Types.IMAGE, QosProfile.SENSOR_DATA)) {
            long end = System.currentTimeMillis() + 5000;
            while (be.matchedWriters() == 0 && System.currentTimeMillis() < end) Thread.sleep(20);
            assertEquals(1, be.matchedWriters(), "best-effort reader matches a best-effort writer");
            assertEquals(0, r.matchedWriters(), "QoS: a reliable reader must not match a best-effort writer");
            assertTrue(w.matchedReaders() == 1);
        }
    }
}
