package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.TopicReader;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The vehicle-speed samples of a ROS1 bag: std_msgs/Float32 (stamped with the record time: it has no header, as
 * carla-ros-bridge's {@code /carla/ego_vehicle/speedometer}), carla_msgs/CarlaSpeedometer or nav_msgs/Odometry
 * (header stamps). The topic is the one asked for ({@code --speed-topic}), else the first topic of one of these
 * types.
 */
public final class BagSpeedSource {
    /** Decodes one ROS 1 speed message (also for {@link BagImageSource#openWithSpeed}). */
    static final TopicReader.Decoder<SpeedSample> DECODER = (m, i) ->
            SpeedMessages.decode(m.type(), new MessageCursor(m.data()), m.recordedNanos());

    private BagSpeedSource() {
    }

    /**
     * Opens {@code bag}.
     *
     * @param topic the speed topic; empty for the first speed topic
     * @throws SourceException naming the file: missing, unreadable, not a bag, or no such speed topic
     */
    public static RecordedSpeedSource open(Path bag, Optional<String> topic) throws SourceException {
        return new RecordedSpeedSource(BagTopicStream.open(bag, SpeedMessages.topicChoice(topic),
                BagReader.DEFAULT_MAX_RECORD_BYTES), DECODER);
    }
}
