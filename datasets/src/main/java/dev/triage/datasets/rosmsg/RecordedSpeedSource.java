package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * A {@link SpeedSource} over the speed topic of a recording, ROS 1 bag or rosbag2 alike: the storage gives the
 * topic stream and its wire format's decoder ({@code BagSpeedSource.open}, {@code Rosbag2SpeedSource.open}).
 */
public final class RecordedSpeedSource implements SpeedSource {
    private final TopicReader<SpeedSample> samples;

    /**
     * @param stream  the recording's messages of the speed topic ({@link SpeedMessages#topicChoice})
     * @param decoder decodes one speed message in the recording's wire format
     */
    public RecordedSpeedSource(TopicStream stream, TopicReader.Decoder<SpeedSample> decoder) {
        this.samples = new TopicReader<>(stream, "speed samples", decoder);
    }

    @Override
    public Optional<SpeedSample> next() throws SourceException {
        return samples.next();
    }

    @Override
    public String describe() {
        return samples.describe();
    }

    @Override
    public Optional<String> topic() {
        return samples.topic();
    }

    @Override
    public void close() {
        samples.close();
    }
}
