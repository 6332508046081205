package dev.triage.ros2.node;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros.node.ResultMarkers;
import dev.triage.ros.node.ResultTopics;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.ros2.msg.MarkerArray;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.ros2.msg.Ros2Types;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes each {@link PerceptionResult} on ROS 2 {@code ~detections} (vision_msgs/msg/Detection2DArray, Humble+
 * layout, reliable keep-last 10): {@code results[0].hypothesis.class_id} is the label name ("pedestrian",
 * "cyclist", "vehicle", ...), {@code score} its score, {@code bbox.center.position} the box centre in pixels,
 * {@code theta} 0, {@code id} the detection's index in the frame. Every header keeps the input image's stamp and
 * frame_id. Also {@code ~lanes} (triage_msgs/msg/LaneArray) and {@code ~context} (triage_msgs/msg/SceneContext),
 * reliable, the ROS 1 node's content, and {@code ~markers} (visualization_msgs/msg/MarkerArray, Humble layout,
 * reliable): the ROS 1 node's markers, built by the same {@link ResultMarkers} (each box and each lane a LINE_STRIP
 * in image pixels, z 0, with a lifetime so stale ones vanish), written only while a reader is matched. Runs on the
 * worker thread.
 */
public final class Ros2ResultSink implements ResultSink {

    private final DdsWriter<Detection2DArray> detections;
    private final ResultTopics<Detection2DArray, LaneArray, SceneContext, MarkerArray> topics;
    private final Duration markerLifetime;

    /** Creates the writers of the four topics of {@code options} (ROS names). */
    public Ros2ResultSink(DdsParticipant participant, NodeOptions options) {
        this(participant, options.detectionsTopic(), options.lanesTopic(), options.contextTopic(),
                options.markersTopic(), options.markerLifetime());
    }

    /** Creates the writers of the four topics (ROS names); markers live {@code markerLifetime}. */
    public Ros2ResultSink(DdsParticipant participant, String detectionsTopic, String lanesTopic, String contextTopic,
                          String markersTopic, Duration markerLifetime) {
        this.detections = participant.createWriter(DdsParticipant.rosTopic(detectionsTopic),
                Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE);
        DdsWriter<LaneArray> lanes = participant.createWriter(DdsParticipant.rosTopic(lanesTopic),
                Ros2Types.LANE_ARRAY, QosProfile.RELIABLE);
        DdsWriter<SceneContext> context = participant.createWriter(DdsParticipant.rosTopic(contextTopic),
                Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE);
        DdsWriter<MarkerArray> markers = participant.createWriter(DdsParticipant.rosTopic(markersTopic),
                Ros2Types.MARKER_ARRAY, QosProfile.RELIABLE);
        this.topics = new ResultTopics<>(topic(detections), topic(lanes), topic(context), topic(markers));
        this.markerLifetime = markerLifetime;
    }

    private static <T> ResultTopics.Topic<T> topic(DdsWriter<T> writer) {
        return ResultTopics.Topic.of(writer::write, () -> writer.matchedReaders() > 0, writer::close);
    }

    /** The markers message for {@code r}: {@link ResultMarkers} as ROS 2 LINE_STRIPs with {@code lifetime}. */
    public static MarkerArray markerArray(PerceptionResult r, Duration lifetime) {
        Header header = Header.ofNanos(r.stampNanos(), r.frameId());
        int sec = (int) lifetime.getSeconds();
        int nanosec = lifetime.getNano();
        List<Marker> out = new ArrayList<>();
        for (ResultMarkers.Outline o : ResultMarkers.of(r)) {
            List<LaneArray.Point> pts = new ArrayList<>(o.vertices().size());
            o.vertices().forEach(v -> pts.add(new LaneArray.Point(v.x(), v.y(), 0)));
            ResultMarkers.Rgba c = o.colour();
            out.add(new Marker(header, o.ns(), o.id(), Marker.LINE_STRIP, Marker.ADD, Marker.Pose.IDENTITY,
                    new Marker.Vector3(ResultMarkers.LINE_WIDTH, 0, 0), new Marker.Color(c.r(), c.g(), c.b(), c.a()),
                    sec, nanosec, false, pts, List.of(), "", "", false));
        }
        return new MarkerArray(out);
    }

    /** The lanes message for {@code r}: points in pixels (z 0), type unknown, no per-point confidence. */
    public static LaneArray laneArray(PerceptionResult r) {
        List<LaneArray.Lane> out = new ArrayList<>(r.lanes().size());
        for (dev.triage.perception.core.Lane lane : r.lanes()) {
            List<LaneArray.Point> pts = new ArrayList<>(lane.points().size());
            lane.points().forEach(p -> pts.add(new LaneArray.Point(p.x(), p.y(), 0)));
            out.add(new LaneArray.Lane((byte) lane.slot(), (byte) 0, (float) lane.confidence(), pts,
                    lane.pointConfidenceFloats()));
        }
        return new LaneArray(Header.ofNanos(r.stampNanos(), r.frameId()), r.width(), r.height(), out);
    }

    /** The context message for {@code r}: the gate's scene names with smoothed and raw probabilities, in order. */
    public static SceneContext context(PerceptionResult r) {
        var c = r.context();
        return new SceneContext(Header.ofNanos(r.stampNanos(), r.frameId()), c.scene(), c.probabilities().scenes(),
                c.probabilities().toFloatArray(), c.raw().toFloatArray(), c.uncertain(), r.expertsRun(),
                (int) c.switches(), (float) (r.latencyNanos() / 1e6), r.deadlineMet());
    }

    /** The message for {@code r}. */
    public static Detection2DArray detectionArray(PerceptionResult r) {
        Header header = Header.ofNanos(r.stampNanos(), r.frameId());
        List<Detection2D> out = new ArrayList<>(r.detections().size());
        int i = 0;
        for (Detection d : r.detections()) {
            BoundingBox b = d.box();
            out.add(new Detection2D(header, List.of(new Detection2D.Hypothesis(d.label(), d.score())),
                    (b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, 0, b.width(), b.height(), Integer.toString(i++)));
        }
        return new Detection2DArray(header, out);
    }

    @Override
    public void accept(PerceptionResult r) {
        topics.publish(detectionArray(r), laneArray(r), context(r), () -> markerArray(r, markerLifetime));
    }

    /** Messages written. */
    public long written() {
        return detections.written();
    }

    @Override
    public void close() {
        topics.close();
    }
}
