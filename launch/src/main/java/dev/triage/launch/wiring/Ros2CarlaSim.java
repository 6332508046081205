package dev.triage.launch.wiring;

import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Clock;
import dev.triage.ros2.msg.Float32;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.Ros2Types;
import dev.triage.ros2.msg.SceneContext;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaDrive;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.SimulatedBridge;
import dev.triage.simbridge.sim.TickPacer;

import java.util.List;

/**
 * The synthetic drive published as the ROS 2 carla-ros-bridge publishes a CARLA drive in synchronous mode, over
 * Cyclone DDS: {@code /clock} (rosgraph_msgs/msg/Clock), {@code /carla/<role>/<camera>/image} (sensor_msgs/msg/Image,
 * bgra8) and {@code /carla/<role>/speedometer} (std_msgs/msg/Float32, m/s), all stamped with the tick's sim time; the
 * same drive, stamps and pacing as the ROS 1 {@code CarlaSimPublisher} (shared {@link CarlaDrive} and
 * {@link TickPacer}). The ROS 1 publisher's tf, camera_info and ground-truth objects have no ROS 2 types here yet.
 * In lockstep it waits for the node's triage_msgs/msg/SceneContext of each tick.
 */
public final class Ros2CarlaSim implements SimulatedBridge {

    private final CarlaDrive drive;
    private final TickPacer pacer;
    private final CarlaTopics names;
    private final DdsWriter<Clock> clock;
    private final DdsWriter<Image> image;
    private final DdsWriter<Float32> speedometer;
    private final DdsReader<SceneContext> results;

    /** Creates the writers (and the lockstep reader) on {@code dds}. */
    public Ros2CarlaSim(DdsParticipant dds, CarlaSimOptions options) {
        this.drive = new CarlaDrive(options);
        this.pacer = new TickPacer(options);
        this.names = options.topics();
        this.clock = dds.createWriter(DdsParticipant.rosTopic("/clock"), Ros2Types.CLOCK, QosProfile.RELIABLE);
        this.image = dds.createWriter(DdsParticipant.rosTopic(names.image()), Ros2Types.IMAGE, QosProfile.RELIABLE);
        this.speedometer = dds.createWriter(DdsParticipant.rosTopic(names.speedometer()), Ros2Types.FLOAT32,
                QosProfile.RELIABLE);
        this.results = options.lockstepTopic().map(topic -> dds.createReader(DdsParticipant.rosTopic(topic),
                Ros2Types.SCENE_CONTEXT, QosProfile.RELIABLE, m -> pacer.resultSeen(m.header().toNanos()), e -> { }))
                .orElse(null);
    }

    /** Whether the node's readers (and, in lockstep, its context writer) are matched: wait for it before tick 0. */
    @Override
    public boolean subscribed() {
        return image.matchedReaders() > 0 && clock.matchedReaders() > 0 && speedometer.matchedReaders() > 0
                && (results == null || results.matchedWriters() > 0);
    }

    @Override
    public int ticks() {
        return drive.ticks();
    }

    @Override
    public long lockstepTimeouts() {
        return pacer.lockstepTimeouts();
    }

    /** Publishes tick {@code index} (/clock first, then image and speedometer), then paces. */
    @Override
    public Tick publish(int index) throws InterruptedException {
        CarlaDrive.Tick tick = drive.tick(index);
        clock.write(Clock.ofNanos(tick.stampNanos()));
        var frame = tick.frame();
        image.write(new Image(Header.ofNanos(tick.stampNanos(), names.cameraFrame()), frame.height(), frame.width(),
                "bgra8", false, frame.width() * 4, tick.bgra()));
        speedometer.write(new Float32((float) tick.speedMps()));
        boolean seen = pacer.after(index, tick.stampNanos());
        return new Tick(index, tick.stampNanos(), tick.scene(), 0, seen);
    }

    @Override
    public void close() {
        if (results != null) {
            results.close();
        }
        for (DdsWriter<?> w : List.of(clock, image, speedometer)) {
            w.close();
        }
        drive.close();
    }
}
