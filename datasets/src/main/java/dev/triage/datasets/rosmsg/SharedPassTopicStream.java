package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The storage-independent half of a {@link TopicStream} over one recording (ROS 1 bag or rosbag2): the chosen
 * topic's messages, and optionally a speed topic read in the same pass ({@link SpeedSide}) whose messages go to the
 * side instead of {@link #next()}. At the end it tells the side which topics the recording had and fails when the
 * chosen topic never came. Subclasses read their storage ({@link #read()}) and list the topics seen.
 */
public abstract class SharedPassTopicStream implements TopicStream {
    private final Path path;
    private final TopicChoice choice;
    private Optional<SpeedSide> side = Optional.empty();

    protected SharedPassTopicStream(Path path, TopicChoice choice) {
        this.path = path;
        this.choice = choice;
    }

    /** Reads the speed topic in the same pass: its messages go to {@code speeds} instead of {@link #next()}. */
    public final void readAlongside(SpeedSide speeds) {
        side = Optional.of(speeds);
    }

    /** The side reading the speed topic in this pass, if any. */
    protected final Optional<SpeedSide> side() {
        return side;
    }

    /** Whether messages of {@code topic} ({@code type}) are read: the chosen topic's, or the side's. */
    protected final boolean wanted(String topic, String type) {
        return choice.wanted(topic, type) || side.map(s -> s.wanted(topic, type)).orElse(false);
    }

    /**
     * The next stored message whose topic is {@link #wanted}; empty at the end of the recording.
     *
     * @throws RecordingFault where the recording broke off, naming the file and the position
     */
    protected abstract Optional<RecordedMessage> read() throws RecordingFault, SourceException;

    /** The topics the recording has shown so far (all of them, once {@link #read()} reached the end). */
    protected abstract List<TopicChoice.Topic> topicsSeen();

    @Override
    public final Optional<RecordedMessage> next() throws RecordingFault, SourceException {
        while (true) {
            Optional<RecordedMessage> m = read();
            if (m.isEmpty()) {
                List<TopicChoice.Topic> seen = topicsSeen();
                side.ifPresent(s -> s.ended(path, seen));
                Optional<SourceException> missing = choice.missing(path, seen);
                if (missing.isPresent()) {
                    throw missing.get();
                }
                return m;
            }
            if (side.isEmpty() || !side.get().take(m.get())) {
                return m;
            }
        }
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final TopicChoice choice() {
        return choice;
    }
}
