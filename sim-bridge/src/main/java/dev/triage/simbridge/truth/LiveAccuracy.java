package dev.triage.simbridge.truth;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.DetectionEvaluator;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.simbridge.msg.ObjectArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Live detection accuracy against the simulator's ground truth: each published result is paired, by stamp (to the
 * millisecond), with the ground-truth objects of the same tick, the objects are projected into the image with the
 * latest camera_info and the tf camera pose at that stamp ({@link ObjectProjector}), and the frame goes into a
 * {@link DetectionEvaluator} (IoU 0.5, KITTI-moderate 25 px minimum height). Whichever of the two arrives second
 * triggers the evaluation; up to {@value #PENDING} unpaired results and truths are kept. Thread-safe.
 */
public final class LiveAccuracy {

    static final int PENDING = 64;

    /**
     * Counts and metrics so far.
     *
     * @param truthMessages     ground-truth messages received
     * @param framesEvaluated   results paired with ground truth and scored
     * @param framesNoPose      paired frames skipped because tf did not connect camera and objects
     * @param framesNoCamera    paired frames skipped because no camera_info had arrived
     * @param pedestrian        pedestrian recall, precision and AP50, once a frame was scored
     */
    public record Summary(long truthMessages, long framesEvaluated, long framesNoPose, long framesNoCamera,
                          Optional<ClassMetrics> pedestrian) {
    }

    private final TransformBuffer tf;
    private final DetectionEvaluator evaluator = DetectionEvaluator.iou50();
    private final Map<Long, ObjectArray> truths = bounded();
    private final Map<Long, PerceptionResult> results = bounded();
    private CameraInfo cameraInfo;
    private long truthMessages;
    private long evaluated;
    private long noPose;
    private long noCamera;

    /** @param tf the tf buffer that connects the camera frame and the objects' frame */
    public LiveAccuracy(TransformBuffer tf) {
        this.tf = tf;
    }

    private static <V> Map<Long, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > PENDING;
            }
        };
    }

    private static long key(long stampNanos) {
        return Math.round(stampNanos / 1e6);
    }

    /** The camera's calibration (latest wins). */
    public synchronized void cameraInfo(CameraInfo info) {
        cameraInfo = info;
    }

    /** A ground-truth message. */
    public synchronized void truth(ObjectArray objects) {
        truthMessages++;
        long k = key(objects.header().stamp().toNanos());
        PerceptionResult r = results.remove(k);
        if (r != null) {
            evaluate(r, objects);
        } else {
            truths.put(k, objects);
        }
    }

    /** A published result. */
    public synchronized void result(PerceptionResult result) {
        long k = key(result.stampNanos());
        ObjectArray objects = truths.remove(k);
        if (objects != null) {
            evaluate(result, objects);
        } else {
            results.put(k, result);
        }
    }

    private void evaluate(PerceptionResult r, ObjectArray objects) {
        if (cameraInfo == null) {
            noCamera++;
            return;
        }
        Optional<RigidTransform> cameraFromObjects = tf.lookup(r.frameId(), objects.header().frameId(),
                r.stampNanos());
        if (cameraFromObjects.isEmpty()) {
            noPose++;
            return;
        }
        ObjectProjector.Projection truth = ObjectProjector.project(objects.objects(), cameraFromObjects.get(),
                PinholeCamera.of(cameraInfo, r.frameId()));
        evaluator.add(r.detections(), truth.objects(), truth.ignore());
        evaluated++;
    }

    /** The summary now. */
    public synchronized Summary summary() {
        return new Summary(truthMessages, evaluated, noPose, noCamera,
                Optional.ofNullable(evaluator.metrics().get("pedestrian")));
    }
}
