package dev.triage.datasets.bag;

/**
 * One connection of a bag: a topic with the message type recorded on it. Several connections may share a topic
 * (one per publisher).
 *
 * @param id     the connection id ({@code conn}), unique within the bag
 * @param topic  the topic as stored in the bag
 * @param type   the message type, for example {@code sensor_msgs/Image}
 * @param md5sum the message definition's md5sum as the publisher declared it
 */
public record BagConnection(int id, String topic, String type, String md5sum) {
}
