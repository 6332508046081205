package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosbag2.mcap.McapReader;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.SpeedSample;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The vehicle-speed samples of a ROS 2 recording (folder, .mcap or .db3): std_msgs/msg/Float32 (stamped with the
 * log time: it has no header), carla_msgs/msg/CarlaSpeedometer or nav_msgs/msg/Odometry (header stamps). The topic
 * is the one asked for ({@code --speed-topic}), else the first topic of one of these types.
 */
public final class Rosbag2SpeedSource implements SpeedSource {
    private final Rosbag2TopicStream stream;
    private long count;

    private Rosbag2SpeedSource(Rosbag2TopicStream stream) {
        this.stream = stream;
    }

    /**
     * Opens {@code path}.
     *
     * @param topic the speed topic; empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such speed topic
     */
    public static Rosbag2SpeedSource open(Path path, Optional<String> topic) throws SourceException {
        return new Rosbag2SpeedSource(Rosbag2TopicStream.open(path,
                new TopicChoice(topic, SpeedMessages::isSpeedType, SpeedMessages.NAMES),
                McapReader.DEFAULT_MAX_RECORD_BYTES, "speed samples"));
    }

    @Override
    public Optional<SpeedSample> next() throws SourceException {
        Optional<StoredMessage> next = stream.next(count);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        StoredMessage m = next.get();
        try {
            CdrReader r = new CdrReader(m.data());
            SpeedSample s = SpeedMessages.decode(m.topic().type(), r, () -> {
                long stamp = r.timeNanos("header.stamp");
                r.string("header.frame_id");
                return stamp;
            }, m.logTimeNanos());
            count++;
            return Optional.of(s);
        } catch (MalformedMessageException e) {
            throw stream.corrupt(m, e.getMessage(), count);
        }
    }

    @Override
    public String describe() {
        return stream.describe();
    }

    /** The speed topic, once known. */
    public Optional<String> topic() {
        return stream.topic();
    }

    @Override
    public void close() {
        stream.close();
    }
}
