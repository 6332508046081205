package dev.triage.simbridge;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.ros.RosNode;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.node.NodeExtension;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.msg.SimBridgeMsgs;
import dev.triage.simbridge.msg.TfMessage;
import dev.triage.simbridge.msg.TransformStamped;
import dev.triage.simbridge.time.SimTickLedger;
import dev.triage.simbridge.truth.LiveAccuracy;
import dev.triage.simbridge.truth.RigidTransform;
import dev.triage.simbridge.truth.TransformBuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The CARLA side of a Triage node ({@link NodeExtension}): follows the node's {@code /clock} ticks to account every
 * simulator tick in sim time ({@link SimTickLedger}), and scores the published detections against the bridge's
 * ground-truth objects ({@link LiveAccuracy}, with {@code camera_info} and {@code /tf}). Diagnostics keys: {@code sim.ticks,
 * sim.on_time, sim.missed, sim.failed, sim.no_image, sim.pending, sim.late_results, sim.clock_resets, sim.time} and
 * {@code gt.status, gt.messages, gt.frames, gt.pedestrian_recall, gt.pedestrian_precision, gt.pedestrian_ap50,
 * gt.pedestrian_count, gt.no_pose, gt.no_camera_info}. Without ground truth it says so once in the log and in
 * {@code gt.status}, and carries on.
 *
 * <pre>{@code
 * CarlaLoop carla = CarlaLoop.attach(ros, CarlaTopics.DEFAULT, Duration.ofMillis(50));
 * PerceptionNode.start(ros, options, worker, List.of(carla));
 * }</pre>
 */
public final class CarlaLoop implements NodeExtension {

    private static final System.Logger LOG = System.getLogger(CarlaLoop.class.getName());
    /** Results seen without any ground-truth message before the loop says that there is none. */
    static final int NO_TRUTH_AFTER_RESULTS = 40;

    private final CarlaTopics topics;
    private final SimTickLedger ledger;
    private final TransformBuffer tf = new TransformBuffer();
    private final LiveAccuracy accuracy = new LiveAccuracy(tf);
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean toldNoTruth = new AtomicBoolean();
    private volatile long results;

    private CarlaLoop(CarlaTopics topics, Duration budget) {
        this.topics = topics;
        this.ledger = new SimTickLedger(budget.toNanos());
    }

    /**
     * Subscribes the CARLA topics of {@code topics} on {@code ros} (ROS 1).
     *
     * @param budget the per-tick budget, measured in sim time
     */
    public static CarlaLoop attach(RosNode ros, CarlaTopics topics, Duration budget) {
        CarlaLoop loop = detached(topics, budget);
        SubscriptionOptions small = SubscriptionOptions.defaults().withQueueSize(100);
        loop.own(ros.subscribe(topics.cameraInfo(), SensorMsgs.CAMERA_INFO,
                SubscriptionOptions.defaults().withQueueSize(1), loop::cameraInfo));
        loop.own(ros.subscribe(topics.objects(), SimBridgeMsgs.OBJECT_ARRAY, small, loop::truth));
        loop.own(ros.subscribe("/tf", SimBridgeMsgs.TF_MESSAGE, small, loop::transforms));
        loop.own(ros.subscribe("/tf_static", SimBridgeMsgs.TF_MESSAGE, small, loop::transforms));
        return loop;
    }

    /**
     * A loop without subscriptions, for a transport that feeds it itself (the ROS 2 node): it calls
     * {@link #cameraInfo}, {@link #truth} and {@link #transforms} with the messages of {@code topics}' camera_info
     * and objects topics and of {@code /tf} and {@code /tf_static}, and hands its subscriptions to {@link #own}.
     *
     * @param budget the per-tick budget, measured in sim time
     */
    public static CarlaLoop detached(CarlaTopics topics, Duration budget) {
        return new CarlaLoop(topics, budget);
    }

    /** Closes {@code subscription} with this loop. */
    public void own(AutoCloseable subscription) {
        subscriptions.add(subscription);
    }

    /** The camera's calibration (camera_info of the loop's camera). */
    public void cameraInfo(CameraInfo info) {
        accuracy.cameraInfo(info);
    }

    /** The simulator's ground-truth objects. */
    public void truth(ObjectArray objects) {
        accuracy.truth(objects);
    }

    /** A message of {@code /tf} or {@code /tf_static}. */
    public void transforms(TfMessage msg) {
        for (TransformStamped t : msg.transforms()) {
            var tr = t.transform();
            try {
                tf.add(t.header().frameId(), t.childFrameId(), t.header().stamp().toNanos(),
                        new RigidTransform(tr.rotation().x(), tr.rotation().y(), tr.rotation().z(), tr.rotation().w(),
                                tr.translation().x(), tr.translation().y(), tr.translation().z()));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring transform " + t.header().frameId() + " <- "
                        + t.childFrameId() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void onClock(long simNanos) {
        ledger.clock(simNanos);
    }

    @Override
    public void onImage(long stampNanos) {
        ledger.image(stampNanos);
    }

    @Override
    public void accept(PerceptionResult result) {
        ledger.result(result.stampNanos());
        accuracy.result(result);
        results++;
    }

    @Override
    public void onProblem(FrameProblem problem) {
        if (problem.kind() == FrameProblem.Kind.DECODE_FAILED || problem.kind() == FrameProblem.Kind.INFERENCE_FAILED) {
            ledger.failed(problem.stampNanos());
        }
        // dropped frames stay pending and are resolved as missed when the sim clock passes their deadline
    }

    /** Tick counts so far. */
    public SimTickLedger.Counts ticks() {
        return ledger.counts();
    }

    /** Live accuracy so far. */
    public LiveAccuracy.Summary accuracy() {
        return accuracy.summary();
    }

    @Override
    public List<KeyValue> diagnostics() {
        SimTickLedger.Counts c = ledger.counts();
        List<KeyValue> kv = new ArrayList<>();
        kv.add(KeyValue.of("sim.ticks", c.ticks()));
        kv.add(KeyValue.of("sim.on_time", c.onTime()));
        kv.add(KeyValue.of("sim.missed", c.missed()));
        kv.add(KeyValue.of("sim.failed", c.failed()));
        kv.add(KeyValue.of("sim.no_image", c.noImage()));
        kv.add(KeyValue.of("sim.pending", c.pending()));
        kv.add(KeyValue.of("sim.late_results", c.lateResults()));
        kv.add(KeyValue.of("sim.clock_resets", c.clockResets()));
        kv.add(KeyValue.of("sim.time", c.simNowNanos() / 1e9));
        LiveAccuracy.Summary a = accuracy.summary();
        kv.add(new KeyValue("gt.status", truthStatus(a)));
        kv.add(KeyValue.of("gt.messages", a.truthMessages()));
        kv.add(KeyValue.of("gt.frames", a.framesEvaluated()));
        kv.add(KeyValue.of("gt.no_pose", a.framesNoPose()));
        kv.add(KeyValue.of("gt.no_camera_info", a.framesNoCamera()));
        Optional<ClassMetrics> ped = a.pedestrian();
        if (ped.isPresent()) {
            kv.add(KeyValue.of("gt.pedestrian_recall", ped.get().recall()));
            kv.add(KeyValue.of("gt.pedestrian_precision", ped.get().precision()));
            kv.add(KeyValue.of("gt.pedestrian_ap50", ped.get().ap50()));
            kv.add(KeyValue.of("gt.pedestrian_count", ped.get().groundTruth()));
        }
        return kv;
    }

    private String truthStatus(LiveAccuracy.Summary a) {
        if (a.truthMessages() > 0) {
            return a.framesEvaluated() > 0 ? "live" : "waiting for camera_info and tf";
        }
        if (results < NO_TRUTH_AFTER_RESULTS) {
            return "waiting for " + topics.objects();
        }
        String msg = "no ground truth on " + topics.objects() + ": live accuracy is off";
        if (toldNoTruth.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, msg);
        }
        return msg;
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a CARLA subscription: " + e.getMessage());
            }
        }
    }
}
