package dev.triage.datasets.rosmsg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One serialized message of a recording (ROS 1 bag or rosbag2), as a {@link TopicStream} hands it on.
 *
 * @param file          the file it is stored in
 * @param topic         its topic
 * @param type          its type ({@code sensor_msgs/Image}, {@code sensor_msgs/msg/Image})
 * @param md5sum        the ROS 1 definition checksum; empty for ROS 2
 * @param recordedNanos when the recorder received it
 * @param data          the serialized message
 * @param where         where it is stored, for errors ({@code byte 123}, {@code message id 7})
 */
public record RecordedMessage(Path file, String topic, String type, String md5sum, long recordedNanos, byte[] data,
                              String where) {
    public RecordedMessage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(md5sum, "md5sum");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(where, "where");
    }
}
