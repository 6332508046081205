package dev.triage.datasets.bag;

import java.util.Objects;

/**
 * One message record of a bag.
 *
 * @param connection      the connection it was recorded on
 * @param recordTimeNanos the time the recorder received it (the record's {@code time} field), ROS time in ns
 * @param data            the serialized message (ROS1 serialization, little-endian)
 * @param offset          file offset of the message record for uncompressed chunks, else of its chunk record
 */
public record BagMessage(BagConnection connection, long recordTimeNanos, byte[] data, long offset) {
    public BagMessage {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(data, "data");
    }
}
