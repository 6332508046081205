package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/** A {@link SpeedSource} over the speed topic of a recording: what the ROS 1 bag and rosbag2 sources share. */
public abstract class RecordedSpeedSource implements SpeedSource {
    private final TopicReader<SpeedSample> samples;

    protected RecordedSpeedSource(TopicReader<SpeedSample> samples) {
        this.samples = samples;
    }

    @Override
    public final Optional<SpeedSample> next() throws SourceException {
        return samples.next();
    }

    @Override
    public final String describe() {
        return samples.describe();
    }

    @Override
    public final Optional<String> topic() {
        return samples.topic();
    }

    @Override
    public final void close() {
        samples.close();
    }
}
