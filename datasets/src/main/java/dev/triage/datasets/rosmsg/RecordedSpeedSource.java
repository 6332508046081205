package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;

/**
 * A {@link SpeedSource} over the speed topic of a recording, ROS 1 bag or rosbag2 alike: the storage gives the
 * topic stream and its wire format's decoder ({@code BagImageSource.openSpeed},
 * {@code Rosbag2ImageSource.openSpeed}). It is the recording's {@link TopicReader} of speed samples, whose reads,
 * names and closing are what a speed source asks for.
 */
public final class RecordedSpeedSource extends TopicReader<SpeedSample> implements SpeedSource {

    /**
     * @param stream  the recording's messages of the speed topic ({@link SpeedMessages#topicChoice})
     * @param decoder decodes one speed message in the recording's wire format
     */
    public RecordedSpeedSource(TopicStream stream, TopicReader.Decoder<SpeedSample> decoder) {
        super(stream, "speed samples", decoder);
    }
}
