package dev.triage.simbridge.sim;

import dev.triage.datasets.synthetic.SyntheticConfig;
import dev.triage.datasets.synthetic.SyntheticDrive;
import dev.triage.datasets.synthetic.SyntheticFrame;
import dev.triage.datasets.synthetic.Scene;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.rosgraph.Clock;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.RegionOfInterest;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.msg.triage.TriageMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.msg.SimBridgeMsgs;
import dev.triage.simbridge.msg.TfMessage;
import dev.triage.simbridge.msg.Transform;
import dev.triage.simbridge.msg.TransformStamped;
import dev.triage.simbridge.truth.PinholeCamera;
import dev.triage.simbridge.truth.RigidTransform;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the synthetic drive as carla-ros-bridge would publish a CARLA drive in synchronous mode, one frame per
 * fixed step: {@code /clock}, {@code /tf} (map ← ego vehicle, ego vehicle ← camera), camera_info, the bgra8 image,
 * the speedometer and the ground-truth objects, all stamped with the tick's sim time. For demos and tests
 * ({@code bin/triage carla-sim}); it needs no CARLA.
 * <p>Assumptions about the bridge, where this machine cannot check them (see the sim-bridge README): the camera's
 * tf frame is {@code <role>/<camera>} in ROS body axes (x forward), mounted 2.0 m ahead of and 2.0 m above the
 * vehicle origin (the bridge's example sensor file); objects are in {@code map} with the pose at the box centre;
 * images, /clock and objects of one tick carry the same stamp. Ground truth comes from the generator's 2D boxes
 * through {@link BoxLifter}.
 */
public final class CarlaSimPublisher implements AutoCloseable {

    /** Camera mount on the vehicle (x forward, z up), in metres. */
    static final double MOUNT_X = 2.0;
    static final double MOUNT_Z = 2.0;
    private static final double URBAN_SPEED = 9.0;
    private static final double HIGHWAY_SPEED = 27.0;

    /** What was published. */
    public record Tick(int index, long stampNanos, Scene scene, int objects, boolean resultSeen) {
    }

    private final CarlaSimOptions options;
    private final SyntheticDrive drive;
    private final PinholeCamera camera;
    private final Publisher<Clock> clock;
    private final Publisher<TfMessage> tf;
    private final Publisher<CameraInfo> cameraInfo;
    private final Publisher<Image> image;
    private final Publisher<Float32> speedometer;
    private final Publisher<ObjectArray> objects;
    private final Subscriber<?> results;
    private final AtomicLong lastResultStamp = new AtomicLong(Long.MIN_VALUE);
    private final Object resultSignal = new Object();
    private final long startNanos;
    private double odometer;
    private long lockstepTimeouts;
    private long wallStart;

    private CarlaSimPublisher(RosNode ros, CarlaSimOptions options) {
        this.options = options;
        this.drive = new SyntheticDrive(new SyntheticConfig(options.seed(), options.width(), options.height(),
                options.route()));
        this.camera = PinholeCamera.carla(options.width(), options.height(), options.fovDeg());
        CarlaTopics t = options.topics();
        PublisherOptions queue = new PublisherOptions(false, 100);
        this.clock = ros.advertise("/clock", RosgraphMsgs.CLOCK, queue);
        this.tf = ros.advertise("/tf", SimBridgeMsgs.TF_MESSAGE, queue);
        this.cameraInfo = ros.advertise(t.cameraInfo(), SensorMsgs.CAMERA_INFO, queue);
        this.image = ros.advertise(t.image(), SensorMsgs.IMAGE, new PublisherOptions(false, 4));
        this.speedometer = ros.advertise(t.speedometer(), StdMsgs.FLOAT32, queue);
        this.objects = ros.advertise(t.objects(), SimBridgeMsgs.OBJECT_ARRAY, queue);
        this.results = options.lockstepTopic().map(topic -> ros.subscribe(topic, TriageMsgs.SCENE_CONTEXT,
                SubscriptionOptions.defaults().withQueueSize(100), m -> {
                    lastResultStamp.accumulateAndGet(m.header().stamp().toNanos(), Math::max);
                    synchronized (resultSignal) {
                        resultSignal.notifyAll();
                    }
                })).orElse(null);
        this.startNanos = 1_000_000_000L;  // sim time starts at 1 s, so that a zero stamp is never valid
    }

    /** Advertises the bridge's topics on {@code ros}. */
    public static CarlaSimPublisher advertise(RosNode ros, CarlaSimOptions options) {
        return new CarlaSimPublisher(ros, options);
    }

    /** Whether every topic of the bridge has at least one subscriber connected (wait for it before tick 0). */
    public boolean subscribed() {
        for (Publisher<?> p : List.of(clock, tf, cameraInfo, image, speedometer, objects)) {
            if (p.subscriberCount() == 0) {
                return false;
            }
        }
        return results == null || results.stats().publishers() > 0;
    }

    /** Ticks in the whole drive. */
    public int ticks() {
        return drive.frameCount();
    }

    /** The sim time of tick {@code index}. */
    public long stampOf(int index) {
        return startNanos + index * options.step().toNanos();
    }

    /** Ticks whose result did not come within the lockstep wait. */
    public long lockstepTimeouts() {
        return lockstepTimeouts;
    }

    /**
     * Publishes tick {@code index} (/clock first, then tf, camera_info, image, speedometer, objects), then paces: in
     * lockstep it waits for the node's result for this tick; else it sleeps to keep the realtime factor.
     */
    public Tick publish(int index) throws InterruptedException {
        SyntheticFrame frame = drive.render(index);
        long stamp = stampOf(index);
        Time t = Time.ofNanos(stamp);
        CarlaTopics names = options.topics();
        Scene scene = frame.scene();
        double speed = scene == Scene.HIGHWAY ? HIGHWAY_SPEED : URBAN_SPEED;
        odometer += speed * options.step().toNanos() / 1e9;
        RigidTransform mapFromVehicle = RigidTransform.translation(odometer, 0, 0);
        RigidTransform vehicleFromCamera = RigidTransform.translation(MOUNT_X, 0, MOUNT_Z);

        clock.publish(new Clock(t));
        tf.publish(new TfMessage(List.of(
                stamped(t, CarlaTopics.worldFrame(), names.vehicleFrame(), mapFromVehicle),
                stamped(t, names.vehicleFrame(), names.cameraFrame(), vehicleFromCamera))));
        Header cameraHeader = new Header(index, t, names.cameraFrame());
        cameraInfo.publish(cameraInfo(cameraHeader));
        image.publish(new Image(cameraHeader, frame.height(), frame.width(), "bgra8", false, frame.width() * 4,
                bgra(frame.bgr())));
        speedometer.publish(new Float32((float) speed));
        List<DerivedObject> truth = BoxLifter.lift(frame.truth().objects(),
                new Header(index, t, CarlaTopics.worldFrame()), mapFromVehicle.compose(vehicleFromCamera), camera);
        objects.publish(new ObjectArray(new Header(index, t, CarlaTopics.worldFrame()), truth));
        boolean seen = pace(index, stamp);
        return new Tick(index, stamp, scene, truth.size(), seen);
    }

    private boolean pace(int index, long stamp) throws InterruptedException {
        if (results != null) {
            long deadline = System.nanoTime() + options.lockstepWait().toNanos();
            synchronized (resultSignal) {
                while (lastResultStamp.get() < stamp) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        lockstepTimeouts++;
                        return false;
                    }
                    resultSignal.wait(Math.max(1, left / 1_000_000));
                }
            }
            return true;
        }
        if (options.realtimeFactor() > 0) {
            if (index == 0 || wallStart == 0) {
                wallStart = System.nanoTime() - (long) (index * options.step().toNanos() / options.realtimeFactor());
            }
            long due = wallStart + (long) ((index + 1) * options.step().toNanos() / options.realtimeFactor());
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        return false;
    }

    /** Restarts real-time pacing from now (after a pause). */
    public void resetPace() {
        wallStart = 0;
    }

    private CameraInfo cameraInfo(Header h) {
        double[] k = {camera.fx(), 0, camera.cx(), 0, camera.fy(), camera.cy(), 0, 0, 1};
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = {camera.fx(), 0, camera.cx(), 0, 0, camera.fy(), camera.cy(), 0, 0, 0, 1, 0};
        return new CameraInfo(h, camera.height(), camera.width(), "plumb_bob", new double[5], k, r, p, 0, 0,
                RegionOfInterest.FULL);
    }

    private static TransformStamped stamped(Time t, String parent, String child, RigidTransform x) {
        return new TransformStamped(new Header(0, t, parent), child, new Transform(new Vector3(x.tx(), x.ty(), x.tz()),
                new Quaternion(x.qx(), x.qy(), x.qz(), x.qw())));
    }

    private static byte[] bgra(byte[] bgr) {
        byte[] out = new byte[bgr.length / 3 * 4];
        for (int i = 0, j = 0; i < bgr.length; i += 3, j += 4) {
            out[j] = bgr[i];
            out[j + 1] = bgr[i + 1];
            out[j + 2] = bgr[i + 2];
            out[j + 3] = (byte) 0xff;
        }
        return out;
    }

    @Override
    public void close() {
        if (results != null) {
            results.close();
        }
        for (Publisher<?> p : List.of(clock, tf, cameraInfo, image, speedometer, objects)) {
            p.close();
        }
        drive.close();
    }
}
