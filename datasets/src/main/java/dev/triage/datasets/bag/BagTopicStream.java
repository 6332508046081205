package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.RecordedMessage;
import dev.triage.datasets.rosmsg.RecordingFault;
import dev.triage.datasets.rosmsg.SpeedSide;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.datasets.rosmsg.TopicStream;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The messages of one chosen topic of a ROS1 bag; faults name the file and the byte offset. */
final class BagTopicStream implements TopicStream {
    private final Path path;
    private final BagReader reader;
    private final TopicChoice choice;
    private Optional<SpeedSide> side = Optional.empty();

    private BagTopicStream(Path path, BagReader reader, TopicChoice choice) {
        this.path = path;
        this.reader = reader;
        this.choice = choice;
    }

    /** Opens {@code bag}; when it has an index, the topic is chosen now, otherwise while streaming. */
    static BagTopicStream open(Path bag, TopicChoice choice, int maxRecordBytes) throws SourceException {
        BagReader reader;
        try {
            reader = BagReader.open(bag, maxRecordBytes);
        } catch (NoSuchFileException e) {
            throw new SourceException(bag + ": no such file or folder", e);
        } catch (BagFormatException e) {
            throw new SourceException(bag + ": " + (e.offset() > 0 ? "corrupt at byte " + e.offset() + ": " : "")
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException(bag + ": cannot read: " + e.getMessage(), e);
        }
        BagTopicStream stream = new BagTopicStream(bag, reader, choice);
        try {
            Optional<List<BagConnection>> index = BagIndexReader.connections(bag, reader.header(), maxRecordBytes);
            if (index.isPresent()) {
                choice.choose(bag, topics(index.get()));
            }
            return stream;
        } catch (SourceException e) {
            stream.close();
            throw e;
        } catch (IOException e) {
            stream.close();
            throw new SourceException(bag + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<TopicChoice.Topic> topics(Collection<BagConnection> connections) {
        return connections.stream().map(c -> new TopicChoice.Topic(c.topic(), c.type())).toList();
    }

    /** Reads the speed topic in the same pass: its messages go to {@code speeds} instead of {@link #next()}. */
    void readAlongside(SpeedSide speeds) {
        side = Optional.of(speeds);
    }

    @Override
    public Optional<RecordedMessage> next() throws RecordingFault, SourceException {
        while (true) {
            Optional<RecordedMessage> m = nextOfEither();
            if (m.isEmpty() || side.isEmpty() || !side.get().take(m.get())) {
                return m;
            }
        }
    }

    private Optional<RecordedMessage> nextOfEither() throws RecordingFault, SourceException {
        Optional<BagMessage> next;
        try {
            next = reader.next(c -> choice.wanted(c.topic(), c.type())
                    || side.map(s -> s.wanted(c.topic(), c.type())).orElse(false));
        } catch (BagFormatException e) {
            throw new RecordingFault(path + ": truncated or corrupt at byte " + e.offset() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RecordingFault(path + ": read error: " + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            side.ifPresent(s -> s.ended(path, topics(reader.connections().values())));
            Optional<SourceException> missing = choice.missing(path, topics(reader.connections().values()));
            if (missing.isPresent()) {
                throw missing.get();
            }
            return Optional.empty();
        }
        BagMessage m = next.get();
        BagConnection c = m.connection();
        return Optional.of(new RecordedMessage(path, c.topic(), c.type(), c.md5sum(), m.recordTimeNanos(), m.data(),
                "byte " + m.offset()));
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public TopicChoice choice() {
        return choice;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
