package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The messages of one chosen topic of a ROS1 bag, with the bag's errors turned into one-line
 * {@link SourceException}s naming the file and the byte offset. The common part of the frame and speed sources.
 */
final class BagTopicStream implements AutoCloseable {
    private final Path path;
    private final BagReader reader;
    private final TopicChoice choice;
    private final String unit;
    private boolean ended;

    private BagTopicStream(Path path, BagReader reader, TopicChoice choice, String unit) {
        this.path = path;
        this.reader = reader;
        this.choice = choice;
        this.unit = unit;
    }

    /**
     * Opens {@code bag}; when it has an index, the topic is chosen now, otherwise while streaming.
     *
     * @param unit what the caller counts in errors ({@code frames})
     */
    static BagTopicStream open(Path bag, TopicChoice choice, int maxRecordBytes, String unit) throws SourceException {
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
        BagTopicStream stream = new BagTopicStream(bag, reader, choice, unit);
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

    /**
     * The next message of the topic; empty at the end.
     *
     * @param count how many the caller has taken, for errors
     */
    Optional<BagMessage> next(long count) throws SourceException {
        if (ended) {
            return Optional.empty();
        }
        Optional<BagMessage> next;
        try {
            next = reader.next(c -> choice.wanted(c.topic(), c.type()));
        } catch (BagFormatException e) {
            throw new SourceException(path + ": truncated or corrupt at byte " + e.offset() + ": " + e.getMessage()
                    + " (" + count + " " + unit + " were read before)", e);
        } catch (IOException e) {
            throw new SourceException(path + ": read error after " + count + " " + unit + ": " + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            ended = true;
            Optional<SourceException> missing = choice.missing(path, topics(reader.connections().values()));
            if (missing.isPresent()) {
                throw missing.get();
            }
        }
        return next;
    }

    /** A message that does not parse as its type: ends the stream with an error naming it. */
    SourceException corrupt(BagMessage m, String why, long count) {
        ended = true;
        return new SourceException(path + ": corrupt message on '" + m.connection().topic() + "' at byte "
                + m.offset() + ": " + why + " (" + count + " " + unit + " were read before)");
    }

    /** {@code path [topic]} once the topic is known. */
    String describe() {
        return choice.describe(path);
    }

    /** The topic, once known. */
    Optional<String> topic() {
        return choice.topic();
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
