package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.SpeedSample;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The vehicle-speed samples of a ROS1 bag: std_msgs/Float32 (stamped with the record time: it has no header, as
 * carla-ros-bridge's {@code /carla/ego_vehicle/speedometer}), carla_msgs/CarlaSpeedometer or nav_msgs/Odometry
 * (header stamps). The topic is the one asked for ({@code --speed-topic}), else the first topic of one of these
 * types.
 */
public final class BagSpeedSource implements SpeedSource {
    private final BagTopicStream stream;
    private long count;

    private BagSpeedSource(BagTopicStream stream) {
        this.stream = stream;
    }

    /**
     * Opens {@code bag}.
     *
     * @param topic the speed topic; empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a bag, or no such speed topic
     */
    public static BagSpeedSource open(Path bag, Optional<String> topic) throws SourceException {
        return new BagSpeedSource(BagTopicStream.open(bag,
                new TopicChoice(topic, SpeedMessages::isSpeedType, SpeedMessages.NAMES),
                BagReader.DEFAULT_MAX_RECORD_BYTES, "speed samples"));
    }

    @Override
    public Optional<SpeedSample> next() throws SourceException {
        Optional<BagMessage> next = stream.next(count);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        BagMessage m = next.get();
        try {
            MessageCursor c = new MessageCursor(m.data());
            SpeedSample s = SpeedMessages.decode(m.connection().type(), c, () -> {
                c.uint32("header.seq");
                long stamp = c.timeNanos();
                c.string("header.frame_id");
                return stamp;
            }, m.recordTimeNanos());
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

    /** The speed topic, once known (at open when the bag has an index). */
    public Optional<String> topic() {
        return stream.topic();
    }

    @Override
    public void close() {
        stream.close();
    }
}
