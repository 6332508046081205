package dev.triage.datasets.rosbag2;

import java.util.Objects;

/**
 * One recorded message as a storage file holds it.
 *
 * @param topic        its topic
 * @param logTimeNanos when the recorder received it
 * @param data         the serialized message (CDR with its encapsulation header)
 * @param where        where it is stored, for errors ({@code byte 123}, {@code message id 7})
 */
public record StoredMessage(TopicInfo topic, long logTimeNanos, byte[] data, String where) {
    public StoredMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(where, "where");
    }
}
