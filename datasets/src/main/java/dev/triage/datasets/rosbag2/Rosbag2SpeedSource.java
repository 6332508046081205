package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosbag2.mcap.McapReader;
import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.perception.core.SpeedSample;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.datasets.rosmsg.TopicReader;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The vehicle-speed samples of a ROS 2 recording (folder, .mcap or .db3): std_msgs/msg/Float32 (stamped with the
 * log time: it has no header), carla_msgs/msg/CarlaSpeedometer or nav_msgs/msg/Odometry (header stamps). The topic
 * is the one asked for ({@code --speed-topic}), else the first topic of one of these types.
 */
public final class Rosbag2SpeedSource extends RecordedSpeedSource {

    private Rosbag2SpeedSource(TopicReader<SpeedSample> samples) {
        super(samples);
    }

    /**
     * Opens {@code path}.
     *
     * @param topic the speed topic; empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such speed topic
     */
    public static Rosbag2SpeedSource open(Path path, Optional<String> topic) throws SourceException {
        Rosbag2TopicStream stream = Rosbag2TopicStream.open(path,
                new TopicChoice(topic, SpeedMessages::isSpeedType, SpeedMessages.NAMES),
                McapReader.DEFAULT_MAX_RECORD_BYTES);
        return new Rosbag2SpeedSource(new TopicReader<>(stream, "speed samples", DECODER));
    }

    /** Decodes one CDR speed message (also for {@link Rosbag2ImageSource#openWithSpeed}). */
    static final TopicReader.Decoder<SpeedSample> DECODER = (m, i) -> {
        CdrReader r = new CdrReader(m.data());
        return SpeedMessages.decode(m.type(), r, () -> {
            long stamp = r.timeNanos("header.stamp");
            r.string("header.frame_id");
            return stamp;
        }, m.recordedNanos());
    };
}
