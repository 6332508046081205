package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.RecordedFrameSource;
import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SinglePassRecording;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.TopicReader;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link FrameSource} that replays one image topic of a ROS1 bag (v2.0; chunks uncompressed, bz2 or lz4):
 * sensor_msgs/Image as {@code Image.Raw} (encoding, step and data as recorded) or sensor_msgs/CompressedImage as
 * {@code Image.Encoded} (its {@code format}). Stamps are the message header stamps (the record time where a header
 * stamp is 0); {@code frameId} is {@code header.frame_id}. The topic is the one asked for, else the first image
 * topic in connection order.
 *
 * <p>Reads the bag from the start, chunk by chunk, and does not need its index, so a bag cut off mid-recording
 * replays up to the cut: every complete message is returned, then {@link #next()} throws a {@link SourceException}
 * that names the file and the byte offset where it broke.
 *
 * <pre>{@code
 * try (FrameSource source = BagImageSource.open(Path.of("drive.bag"), Optional.of("/camera/image_raw"))) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class BagImageSource extends RecordedFrameSource {
    private static final TopicReader.Decoder<SpeedSample> SPEED = (m, i) ->
            SpeedMessages.decode(m.type(), new MessageCursor(m.data()), m.recordedNanos());

    private BagImageSource(BagTopicStream stream) {
        super(stream, (m, seq) -> RosImageMessageParser.parse(m.type(), m.md5sum(), m.data())
                .toFrame(seq, m.recordedNanos()));
    }

    /** Opens {@code bag} with the default record cap ({@link BagReader#DEFAULT_MAX_RECORD_BYTES}). */
    public static BagImageSource open(Path bag, Optional<String> topic) throws SourceException {
        return open(bag, topic, BagReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Opens {@code bag}. When the bag has an index, the topic is checked now; otherwise while streaming.
     *
     * @param topic          the image topic to replay; empty for the first image topic
     * @param maxRecordBytes cap on one record header and one message
     * @throws SourceException naming the file: missing, unreadable, not a bag, or no such image topic
     */
    public static BagImageSource open(Path bag, Optional<String> topic, int maxRecordBytes) throws SourceException {
        return new BagImageSource(BagTopicStream.open(bag, RosImageMessageParser.TYPES.topicChoice(topic),
                maxRecordBytes));
    }

    /**
     * Opens {@code bag} to read its frames and its vehicle speed in one pass ({@link SinglePassRecording}), for a bag
     * without an index, where a second handle for the speed would read the bag once more.
     *
     * @param speedTopic the speed topic ({@code --speed-topic}); empty for the first speed topic, if any
     */
    public static SinglePassRecording openWithSpeed(Path bag, Optional<String> topic, Optional<String> speedTopic)
            throws SourceException {
        return open(bag, topic).withSpeed(speedTopic, SPEED);
    }

    /**
     * Opens the vehicle-speed samples of {@code bag}: std_msgs/Float32 (stamped with the record time: it has no
     * header, as carla-ros-bridge's {@code /carla/ego_vehicle/speedometer}), carla_msgs/CarlaSpeedometer or
     * nav_msgs/Odometry (header stamps).
     *
     * @param topic the speed topic ({@code --speed-topic}); empty for the first topic of one of these types
     * @throws SourceException naming the file: missing, unreadable, not a bag, or no such speed topic
     */
    public static RecordedSpeedSource openSpeed(Path bag, Optional<String> topic) throws SourceException {
        return new RecordedSpeedSource(BagTopicStream.open(bag, SpeedMessages.topicChoice(topic),
                BagReader.DEFAULT_MAX_RECORD_BYTES), SPEED);
    }
}
