package dev.triage.datasets.rosbag2;

import java.util.Objects;
import java.util.Optional;

/**
 * One topic of a rosbag2 recording.
 *
 * @param topic         the topic name
 * @param type          the ROS 2 type ({@code sensor_msgs/msg/Image})
 * @param serialization how messages are serialized ({@code cdr})
 * @param schema        the stored definition, when the storage keeps one (MCAP does, sqlite3 does not)
 */
public record TopicInfo(String topic, String type, String serialization, Optional<MessageSchema> schema) {
    public TopicInfo {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serialization, "serialization");
        Objects.requireNonNull(schema, "schema");
    }
}
