package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosbag2.mcap.McapReader;
import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.TopicReader;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The vehicle-speed samples of a ROS 2 recording (folder, .mcap or .db3), in log-time order: std_msgs/msg/Float32
 * (stamped with the log time: it has no header), carla_msgs/msg/CarlaSpeedometer or nav_msgs/msg/Odometry (header
 * stamps). The topic is the one asked for ({@code --speed-topic}), else the first topic of one of these types.
 */
public final class Rosbag2SpeedSource {
    /** Decodes one CDR speed message (also for {@link Rosbag2ImageSource#openWithSpeed}). */
    static final TopicReader.Decoder<SpeedSample> DECODER = (m, i) ->
            SpeedMessages.decode(m.type(), new CdrReader(m.data()), m.recordedNanos());

    private Rosbag2SpeedSource() {
    }

    /**
     * Opens {@code path}.
     *
     * @param topic the speed topic; empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such speed topic
     */
    public static RecordedSpeedSource open(Path path, Optional<String> topic) throws SourceException {
        return new RecordedSpeedSource(Rosbag2TopicStream.open(path, SpeedMessages.topicChoice(topic),
                McapReader.DEFAULT_MAX_RECORD_BYTES), DECODER);
    }
}
