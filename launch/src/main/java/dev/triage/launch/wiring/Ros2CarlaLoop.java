package dev.triage.launch.wiring;

import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.dds.TopicType;
import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.simbridge.CarlaLoop;
import dev.triage.simbridge.CarlaTopics;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The CARLA loop on the ROS 2 node: sim-bridge's {@link CarlaLoop} (the very tick accounting and live accuracy of
 * the ROS 1 node) fed from DDS readers of the ROS 2 carla-ros-bridge's {@code /carla/<role>/<camera>/camera_info}
 * (sensor_msgs/msg/CameraInfo), {@code /carla/<role>/objects} (derived_object_msgs/msg/ObjectArray), {@code /tf} and
 * {@code /tf_static} (tf2_msgs/msg/TFMessage). The readers are best effort keep last 5 (they match reliable and
 * best-effort writers alike), volatile, except {@code /tf_static}: reliable and transient local as tf2_ros's static
 * broadcaster, so transforms latched before the node started arrive too. The node's {@code /clock}, image stamps and
 * results reach the loop as a {@code NodeExtension}.
 */
public final class Ros2CarlaLoop {

    private static final System.Logger LOG = System.getLogger(Ros2CarlaLoop.class.getName());

    private Ros2CarlaLoop() {
    }

    /** Subscribes the CARLA topics of {@code topics} on {@code dds}; the loop closes the readers. */
    public static CarlaLoop attach(DdsParticipant dds, CarlaTopics topics, Duration budget) {
        CarlaLoop loop = CarlaLoop.detached(topics, budget);
        loop.own(reader(dds, topics.cameraInfo(), Ros2SimTypes.CAMERA_INFO, QosProfile.SENSOR_DATA,
                m -> loop.cameraInfo(Ros2CarlaMessages.cameraInfo(m))));
        loop.own(reader(dds, topics.objects(), Ros2SimTypes.OBJECT_ARRAY, QosProfile.SENSOR_DATA,
                m -> loop.truth(Ros2CarlaMessages.objects(m))));
        loop.own(reader(dds, "/tf", Ros2SimTypes.TF_MESSAGE, QosProfile.SENSOR_DATA,
                m -> loop.transforms(Ros2CarlaMessages.tf(m))));
        // tf2_ros's static broadcaster is transient local: the node gets the latched transforms when it joins late
        loop.own(reader(dds, "/tf_static", Ros2SimTypes.TF_MESSAGE, QosProfile.STATIC,
                m -> loop.transforms(Ros2CarlaMessages.tf(m))));
        return loop;
    }

    /** A reader whose malformed samples are counted by the reader and logged with the topic's name. */
    private static <T> DdsReader<T> reader(DdsParticipant dds, String topic, TopicType<T> type, QosProfile qos,
                                           Consumer<T> onSample) {
        return dds.createReader(DdsParticipant.rosTopic(topic), type, qos, onSample,
                e -> LOG.log(System.Logger.Level.WARNING, topic + ": malformed " + type.typeName() + " sample skipped: "
                        + e.getMessage()));
    }
}
