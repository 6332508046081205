package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.RecordedMessage;
import dev.triage.datasets.rosmsg.RecordingFault;
import dev.triage.datasets.rosmsg.SharedPassTopicStream;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The messages of one chosen topic of a ROS1 bag; faults name the file and the byte offset. */
final class BagTopicStream extends SharedPassTopicStream {
    private final BagReader reader;

    private BagTopicStream(Path path, BagReader reader, TopicChoice choice) {
        super(path, choice);
        this.reader = reader;
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

    @Override
    protected Optional<RecordedMessage> read() throws RecordingFault {
        Optional<BagMessage> next;
        try {
            next = reader.next(c -> wanted(c.topic(), c.type()));
        } catch (BagFormatException e) {
            throw new RecordingFault(path() + ": truncated or corrupt at byte " + e.offset() + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new RecordingFault(path() + ": read error: " + e.getMessage(), e);
        }
        return next.map(m -> new RecordedMessage(path(), m.connection().topic(), m.connection().type(),
                m.connection().md5sum(), m.recordTimeNanos(), m.data(), "byte " + m.offset()));
    }

    @Override
    protected List<TopicChoice.Topic> topicsSeen() {
        return topics(reader.connections().values());
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
