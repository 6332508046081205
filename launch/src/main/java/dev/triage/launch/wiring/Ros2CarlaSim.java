package dev.triage.launch.wiring;

import dev.triage.perception.core.Closeables;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.CameraInfo;
import dev.triage.ros2.msg.Clock;
import dev.triage.ros2.msg.Float32;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.ObjectArray;
import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.ros2.msg.Ros2Types;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.ros2.msg.TfMessage;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaDrive;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.TickedBridge;
import dev.triage.simbridge.sim.TickTruth;


/**
 * The synthetic drive published as the ROS 2 carla-ros-bridge publishes a CARLA drive in synchronous mode, over
 * Cyclone DDS: {@code /clock} (rosgraph_msgs/msg/Clock), {@code /tf} (tf2_msgs/msg/TFMessage),
 * {@code /carla/<role>/<camera>/camera_info} (sensor_msgs/msg/CameraInfo), {@code /carla/<role>/<camera>/image}
 * (sensor_msgs/msg/Image, bgra8), {@code /carla/<role>/speedometer} (std_msgs/msg/Float32, m/s) and
 * {@code /carla/<role>/objects} (derived_object_msgs/msg/ObjectArray), all stamped with the tick's sim time; the
 * same drive, stamps, ground truth and pacing as the ROS 1 {@code CarlaSimPublisher} (both are a
 * {@link TickedBridge}). In lockstep it waits for the node's triage_msgs/msg/SceneContext of
 * each tick.
 */
public final class Ros2CarlaSim extends TickedBridge {

    private final CarlaTopics names;
    private final DdsWriter<Clock> clock;
    private final DdsWriter<Image> image;
    private final DdsWriter<Float32> speedometer;
    private final DdsWriter<TfMessage> tf;
    private final DdsWriter<CameraInfo> cameraInfo;
    private final DdsWriter<ObjectArray> objects;
    private final DdsReader<SceneContext> results;

    /** Creates the writers (and the lockstep reader) on {@code dds}. */
    public Ros2CarlaSim(DdsParticipant dds, CarlaSimOptions options) {
        super(options);
        this.names = topics();
        this.clock = dds.createWriter(DdsParticipant.rosTopic("/clock"), Ros2Types.CLOCK, QosProfile.RELIABLE);
        this.image = dds.createWriter(DdsParticipant.rosTopic(names.image()), Ros2Types.IMAGE, QosProfile.RELIABLE);
        this.speedometer = dds.createWriter(DdsParticipant.rosTopic(names.speedometer()), Ros2Types.FLOAT32,
                QosProfile.RELIABLE);
        this.tf = dds.createWriter(DdsParticipant.rosTopic("/tf"), Ros2SimTypes.TF_MESSAGE, QosProfile.RELIABLE);
        this.cameraInfo = dds.createWriter(DdsParticipant.rosTopic(names.cameraInfo()), Ros2SimTypes.CAMERA_INFO,
                QosProfile.RELIABLE);
        this.objects = dds.createWriter(DdsParticipant.rosTopic(names.objects()), Ros2SimTypes.OBJECT_ARRAY,
                QosProfile.RELIABLE);
        this.results = options.lockstepTopic().map(topic -> dds.createReader(DdsParticipant.rosTopic(topic),
                Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE, m -> pacer().resultSeen(m.header().toNanos()), e -> { }))
                .orElse(null);
    }

    /**
     * Whether the node's readers of every topic (and, in lockstep, its context writer) are matched: wait for it
     * before tick 0. A node without the CARLA loop reads no tf, camera_info and objects: see
     * {@link #imageSubscribed()}.
     */
    @Override
    public boolean subscribed() {
        return imageSubscribed() && tf.matchedReaders() > 0 && cameraInfo.matchedReaders() > 0
                && objects.matchedReaders() > 0;
    }

    /** Whether the node's image, /clock and speedometer readers (and the lockstep context writer) are matched. */
    public boolean imageSubscribed() {
        return image.matchedReaders() > 0 && clock.matchedReaders() > 0 && speedometer.matchedReaders() > 0
                && (results == null || results.matchedWriters() > 0);
    }

    @Override
    protected void write(CarlaDrive.Tick tick, TickTruth truth) {
        clock.write(Clock.ofNanos(tick.stampNanos()));
        tf.write(Ros2CarlaMessages.tf(truth.tf()));
        cameraInfo.write(Ros2CarlaMessages.cameraInfo(truth.cameraInfo()));
        var frame = tick.frame();
        image.write(new Image(Header.ofNanos(tick.stampNanos(), names.cameraFrame()), frame.height(), frame.width(),
                "bgra8", false, frame.width() * 4, tick.bgra()));
        speedometer.write(new Float32((float) tick.speedMps()));
        objects.write(Ros2CarlaMessages.objects(truth.objects()));
    }

    @Override
    protected void closeTransport() {
        Closeables.closeAll(results, clock, tf, cameraInfo, image, speedometer, objects);
    }
}
