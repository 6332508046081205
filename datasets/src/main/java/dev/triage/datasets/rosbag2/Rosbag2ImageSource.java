package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosbag2.mcap.McapReader;
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
 * A {@link FrameSource} that replays one image topic of a ROS 2 recording ({@code ros2 bag record}): a bag folder
 * with metadata.yaml and its split files, a bare {@code .mcap} or a bare {@code .db3}. sensor_msgs/msg/Image becomes
 * {@code Image.Raw} (encoding, step and data as recorded), sensor_msgs/msg/CompressedImage {@code Image.Encoded};
 * stamps are the header stamps (the log time where a stamp is 0), {@code frameId} is {@code header.frame_id}. The
 * topic is the one asked for, else the first image topic.
 *
 * <p>When a file is truncated or corrupt, every frame before the fault is returned, then {@link #next()} throws a
 * {@link SourceException} naming the file and the byte offset (MCAP) or message id (sqlite3) where it broke.
 *
 * <pre>{@code
 * try (FrameSource source = Rosbag2ImageSource.open(Path.of("drive_bag"), Optional.empty())) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class Rosbag2ImageSource extends RecordedFrameSource {
    private static final TopicReader.Decoder<SpeedSample> SPEED = (m, i) ->
            SpeedMessages.decode(m.type(), new CdrReader(m.data()), m.recordedNanos());

    private Rosbag2ImageSource(Rosbag2TopicStream stream) {
        super(stream, (m, seq) -> Ros2ImageParser.parse(m.type(), m.data()).toFrame(seq, m.recordedNanos()));
    }

    /** Opens {@code path} with the default record cap ({@link McapReader#DEFAULT_MAX_RECORD_BYTES}). */
    public static Rosbag2ImageSource open(Path path, Optional<String> topic) throws SourceException {
        return open(path, topic, McapReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Opens {@code path}. Where the first file lists its topics (sqlite3, MCAP with a summary) the topic and its
     * schema are checked now; otherwise while streaming.
     *
     * @param topic          the image topic to replay; empty for the first image topic
     * @param maxRecordBytes cap on one MCAP record (a chunk) and on one chunk's uncompressed records
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such image topic
     */
    public static Rosbag2ImageSource open(Path path, Optional<String> topic, int maxRecordBytes)
            throws SourceException {
        return new Rosbag2ImageSource(Rosbag2TopicStream.open(path, Ros2ImageParser.TYPES.topicChoice(topic),
                maxRecordBytes));
    }

    /**
     * Opens {@code path} to read its frames and its vehicle speed in one pass ({@link SinglePassRecording}), for a
     * recording that does not list its topics up front (an unindexed MCAP), where a second handle for the speed
     * would read every chunk once more.
     *
     * @param speedTopic the speed topic ({@code --speed-topic}); empty for the first speed topic, if any
     */
    public static SinglePassRecording openWithSpeed(Path path, Optional<String> topic, Optional<String> speedTopic)
            throws SourceException {
        return open(path, topic).withSpeed(speedTopic, SPEED);
    }

    /**
     * Opens the vehicle-speed samples of {@code path} in log-time order: std_msgs/msg/Float32 (stamped with
     * the log time: it has no header), carla_msgs/msg/CarlaSpeedometer or nav_msgs/msg/Odometry (header stamps).
     *
     * @param topic the speed topic ({@code --speed-topic}); empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such speed topic
     */
    public static RecordedSpeedSource openSpeed(Path path, Optional<String> topic) throws SourceException {
        return new RecordedSpeedSource(Rosbag2TopicStream.open(path, SpeedMessages.topicChoice(topic),
                McapReader.DEFAULT_MAX_RECORD_BYTES), SPEED);
    }
}
