package dev.triage.simbridge.sim;

import dev.triage.datasets.synthetic.SyntheticFrame;
import dev.triage.perception.core.Closeables;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.Subscriber;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.rosgraph.Clock;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.msg.triage.TriageMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.msg.SimBridgeMsgs;
import dev.triage.simbridge.msg.TfMessage;

import java.util.List;

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
public final class CarlaSimPublisher extends TickedBridge {

    private final Publisher<Clock> clock;
    private final Publisher<TfMessage> tf;
    private final Publisher<CameraInfo> cameraInfo;
    private final Publisher<Image> image;
    private final Publisher<Float32> speedometer;
    private final Publisher<ObjectArray> objects;
    private final Subscriber<?> results;

    private CarlaSimPublisher(RosNode ros, CarlaSimOptions options) {
        super(options);
        CarlaTopics t = topics();
        PublisherOptions queue = new PublisherOptions(false, 100);
        this.clock = ros.advertise("/clock", RosgraphMsgs.CLOCK, queue);
        this.tf = ros.advertise("/tf", SimBridgeMsgs.TF_MESSAGE, queue);
        this.cameraInfo = ros.advertise(t.cameraInfo(), SensorMsgs.CAMERA_INFO, queue);
        this.image = ros.advertise(t.image(), SensorMsgs.IMAGE, new PublisherOptions(false, 4));
        this.speedometer = ros.advertise(t.speedometer(), StdMsgs.FLOAT32, queue);
        this.objects = ros.advertise(t.objects(), SimBridgeMsgs.OBJECT_ARRAY, queue);
        this.results = options.lockstepTopic().map(topic -> ros.subscribe(topic, TriageMsgs.SCENE_CONTEXT,
                SubscriptionOptions.defaults().withQueueSize(100),
                m -> pacer().resultSeen(m.header().stamp().toNanos()))).orElse(null);
    }

    /** Advertises the bridge's topics on {@code ros}. */
    public static CarlaSimPublisher advertise(RosNode ros, CarlaSimOptions options) {
        return new CarlaSimPublisher(ros, options);
    }

    /** Whether every topic of the bridge has at least one subscriber connected (wait for it before tick 0). */
    @Override
    public boolean subscribed() {
        for (Publisher<?> p : List.of(clock, tf, cameraInfo, image, speedometer, objects)) {
            if (p.subscriberCount() == 0) {
                return false;
            }
        }
        return results == null || results.stats().publishers() > 0;
    }

    @Override
    protected void write(CarlaDrive.Tick tick, TickTruth truth) {
        clock.publish(new Clock(Time.ofNanos(tick.stampNanos())));
        tf.publish(truth.tf());
        cameraInfo.publish(truth.cameraInfo());
        SyntheticFrame frame = tick.frame();
        image.publish(new Image(truth.cameraHeader(), frame.height(), frame.width(), "bgra8", false,
                frame.width() * 4, tick.bgra()));
        speedometer.publish(new Float32((float) tick.speedMps()));
        objects.publish(truth.objects());
    }

    @Override
    protected void closeTransport() {
        Closeables.closeAll(results, clock, tf, cameraInfo, image, speedometer, objects);
    }
}
