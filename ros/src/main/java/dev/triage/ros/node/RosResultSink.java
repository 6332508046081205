package dev.triage.ros.node;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.msg.RosDuration;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose2D;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.PoseWithCovariance;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.std.ColorRGBA;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.triage.Lane;
import dev.triage.ros.msg.triage.LaneArray;
import dev.triage.ros.msg.triage.SceneContext;
import dev.triage.ros.msg.triage.TriageMsgs;
import dev.triage.ros.msg.vision.BoundingBox2D;
import dev.triage.ros.msg.vision.Detection2D;
import dev.triage.ros.msg.vision.Detection2DArray;
import dev.triage.ros.msg.vision.ObjectHypothesisWithPose;
import dev.triage.ros.msg.vision.VisionMsgs;
import dev.triage.ros.msg.visualization.Marker;
import dev.triage.ros.msg.visualization.MarkerArray;
import dev.triage.ros.msg.visualization.VisualizationMsgs;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes each {@link PerceptionResult} on ROS: {@code ~detections} (vision_msgs/Detection2DArray, noetic layout;
 * {@code results[0].id} is the index of the label in {@link NodeOptions#classes()}, -1 if absent, with the score),
 * {@code ~lanes} (triage_msgs/LaneArray), {@code ~context} (triage_msgs/SceneContext: the gate's scene names with
 * their probabilities, however many the gate has) and {@code ~markers}
 * (visualization_msgs/MarkerArray: each box and each lane a LINE_STRIP in image pixels, z = 0, with a lifetime so
 * stale ones vanish). Every header keeps the input image's stamp and frame_id. Runs on the worker thread;
 * {@link Publisher#publish} only serializes and queues, so a slow subscriber never slows the pipeline.
 */
public final class RosResultSink implements ResultSink {

    private static final Image EMPTY_IMAGE = new Image(new Header(0, Time.ZERO, ""), 0, 0, "", false, 0, new byte[0]);

    private final Publisher<Detection2DArray> detections;
    private final Publisher<LaneArray> lanes;
    private final Publisher<SceneContext> context;
    private final Publisher<MarkerArray> markers;
    private final ResultTopics<Detection2DArray, LaneArray, SceneContext, MarkerArray> topics;
    private final List<String> classes;
    private final RosDuration markerLifetime;

    /** Advertises the four topics of {@code options} on {@code node}. */
    public RosResultSink(RosNode node, NodeOptions options) {
        PublisherOptions pubOptions = PublisherOptions.defaults();
        this.detections = node.advertise(options.detectionsTopic(), VisionMsgs.DETECTION_2D_ARRAY, pubOptions);
        this.lanes = node.advertise(options.lanesTopic(), TriageMsgs.LANE_ARRAY, pubOptions);
        this.context = node.advertise(options.contextTopic(), TriageMsgs.SCENE_CONTEXT, pubOptions);
        this.markers = node.advertise(options.markersTopic(), VisualizationMsgs.MARKER_ARRAY, pubOptions);
        this.topics = new ResultTopics<>(topic(detections), topic(lanes), topic(context), topic(markers));
        this.classes = options.classes();
        this.markerLifetime = RosDuration.ofNanos(options.markerLifetime().toNanos());
    }

    /** The ROS header of a result: the source image's stamp and frame_id. */
    static Header header(PerceptionResult r) {
        return new Header((int) r.seq(), Time.ofNanos(r.stampNanos()), r.frameId());
    }

    @Override
    public void accept(PerceptionResult r) {
        Header header = header(r);
        topics.publish(detectionArray(header, r), laneArray(header, r), context(header, r), () -> markers(header, r));
    }

    private static <T> ResultTopics.Topic<T> topic(Publisher<T> publisher) {
        return ResultTopics.Topic.of(publisher::publish, publisher::hasSubscribers, publisher::close);
    }

    Detection2DArray detectionArray(Header header, PerceptionResult r) {
        List<Detection2D> out = new ArrayList<>(r.detections().size());
        for (Detection d : r.detections()) {
            BoundingBox b = d.box();
            var hypothesis = new ObjectHypothesisWithPose(classes.indexOf(d.label()), d.score(),
                    PoseWithCovariance.unknown());
            var box = new BoundingBox2D(new Pose2D((b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, 0), b.width(),
                    b.height());
            out.add(new Detection2D(header, List.of(hypothesis), box, EMPTY_IMAGE));
        }
        return new Detection2DArray(header, out);
    }

    static LaneArray laneArray(Header header, PerceptionResult r) {
        List<Lane> out = new ArrayList<>(r.lanes().size());
        for (dev.triage.perception.core.Lane lane : r.lanes()) {
            List<Point> pts = new ArrayList<>(lane.points().size());
            lane.points().forEach(p -> pts.add(new Point(p.x(), p.y(), 0)));
            out.add(new Lane(lane.slot(), Lane.TYPE_UNKNOWN, (float) lane.confidence(), pts,
                    lane.pointConfidenceFloats()));
        }
        return new LaneArray(header, r.width(), r.height(), out);
    }

    /** The context message: the gate's scene names with the smoothed and raw probability of each, in the same order. */
    static SceneContext context(Header header, PerceptionResult r) {
        var c = r.context();
        return new SceneContext(header, c.scene(), c.probabilities().scenes(), c.probabilities().toFloatArray(),
                c.raw().toFloatArray(), c.uncertain(), r.expertsRun(), (int) c.switches(),
                (float) (r.latencyNanos() / 1e6), r.deadlineMet());
    }

    /** The markers of {@code r} ({@link ResultMarkers}, shared with the ROS 2 node) as ROS 1 messages. */
    MarkerArray markers(Header header, PerceptionResult r) {
        List<Marker> out = new ArrayList<>();
        for (ResultMarkers.Outline o : ResultMarkers.of(r)) {
            List<Point> pts = new ArrayList<>(o.vertices().size());
            o.vertices().forEach(v -> pts.add(new Point(v.x(), v.y(), 0)));
            ResultMarkers.Rgba c = o.colour();
            out.add(new Marker(header, o.ns(), o.id(), Marker.LINE_STRIP, Marker.ADD, Pose.IDENTITY,
                    new Vector3(ResultMarkers.LINE_WIDTH, 0, 0), new ColorRGBA(c.r(), c.g(), c.b(), c.a()),
                    markerLifetime, false, pts, List.of(), "", "", false));
        }
        return new MarkerArray(out);
    }

    /** Messages published per topic and dropped at slow subscribers, for diagnostics. */
    List<Publisher<?>> publishers() {
        return List.of(detections, lanes, context, markers);
    }

    /** Unadvertises the four topics. */
    @Override
    public void close() {
        topics.close();
    }
}
