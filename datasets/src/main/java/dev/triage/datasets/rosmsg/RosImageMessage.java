package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;

import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a sensor_msgs/Image or sensor_msgs/CompressedImage that the pipeline uses.
 *
 * @param stampNanos header.stamp in nanoseconds (0 when the publisher left it unset)
 * @param frameId    header.frame_id
 * @param image      {@link Image.Raw} with encoding, step and data as published, or {@link Image.Encoded} with
 *                   the declared format
 */
public record RosImageMessage(long stampNanos, String frameId, Image image) {
    public RosImageMessage {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(image, "image");
    }

    /**
     * Reads a whole image message: the header as {@code r}'s wire format lays it out, then the raw
     * ({@code sensor_msgs/Image}) or compressed ({@code sensor_msgs/CompressedImage}) body.
     */
    public static RosImageMessage read(FieldReader r, boolean raw) throws MalformedMessageException {
        MessageHeader header = r.header();
        Image image = raw ? ImageMessageBodies.raw(r) : ImageMessageBodies.compressed(r);
        return new RosImageMessage(header.stampNanos(), header.frameId(), image);
    }

    /**
     * The frame a recording replays for this message: stamped with the header stamp, or with
     * {@code recordedNanos} (the time the recorder logged it) where the publisher left the stamp 0.
     */
    public Frame toFrame(long seq, long recordedNanos) {
        return new Frame(seq, stampNanos != 0 ? stampNanos : recordedNanos, System.nanoTime(), frameId, image,
                Optional.empty());
    }
}
