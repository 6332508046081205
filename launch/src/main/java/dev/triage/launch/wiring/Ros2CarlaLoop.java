package dev.triage.launch.wiring;

import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.simbridge.CarlaLoop;
import dev.triage.simbridge.CarlaTopics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CARLA loop on the ROS 2 node: sim-bridge's {@link CarlaLoop} (the very tick accounting and live accuracy of
 * the ROS 1 node) fed from DDS readers of the ROS 2 carla-ros-bridge's {@code /carla/<role>/<camera>/camera_info}
 * (sensor_msgs/msg/CameraInfo), {@code /carla/<role>/objects} (derived_object_msgs/msg/ObjectArray), {@code /tf} and
 * {@code /tf_static} (tf2_msgs/msg/TFMessage). The readers are best effort keep last 5 (they match reliable and
 * best-effort writers alike) and volatile: a {@code /tf_static} published before the node started is not seen (the
 * bridge republishes the camera's transform on {@code /tf} every tick). The node's {@code /clock}, image stamps and
 * results reach the loop as a {@code NodeExtension}.
 */
public final class Ros2CarlaLoop {

    private Ros2CarlaLoop() {
    }

    /** Subscribes the CARLA topics of {@code topics} on {@code dds}; the loop closes the readers. */
    public static CarlaLoop attach(DdsParticipant dds, CarlaTopics topics, Duration budget) {
        CarlaLoop loop = CarlaLoop.detached(topics, budget);
        AtomicLong malformed = new AtomicLong();
        loop.own(dds.createReader(DdsParticipant.rosTopic(topics.cameraInfo()), Ros2SimTypes.CAMERA_INFO,
                QosProfile.SENSOR_DATA, m -> loop.cameraInfo(Ros2CarlaMessages.cameraInfo(m)),
                e -> malformed.incrementAndGet()));
        loop.own(dds.createReader(DdsParticipant.rosTopic(topics.objects()), Ros2SimTypes.OBJECT_ARRAY,
                QosProfile.SENSOR_DATA, m -> loop.truth(Ros2CarlaMessages.objects(m)),
                e -> malformed.incrementAndGet()));
        for (String tf : new String[]{"/tf", "/tf_static"}) {
            loop.own(dds.createReader(DdsParticipant.rosTopic(tf), Ros2SimTypes.TF_MESSAGE, QosProfile.SENSOR_DATA,
                    m -> loop.transforms(Ros2CarlaMessages.tf(m)), e -> malformed.incrementAndGet()));
        }
        return loop;
    }
}
