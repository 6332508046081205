package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The messages of one chosen topic of a rosbag2 recording, with the recording's errors turned into one-line
 * {@link SourceException}s naming the file and where it broke. The common part of the frame and speed sources.
 */
final class Rosbag2TopicStream implements AutoCloseable {
    private final Path path;
    private final Rosbag2Cursor cursor;
    private final TopicChoice choice;
    private final String unit;
    private final Set<TopicInfo> checked = new HashSet<>();
    private boolean ended;

    private Rosbag2TopicStream(Path path, Rosbag2Cursor cursor, TopicChoice choice, String unit) {
        this.path = path;
        this.cursor = cursor;
        this.choice = choice;
        this.unit = unit;
    }

    /**
     * Opens {@code path}; where the first file lists its topics, the topic is chosen and its schema checked now.
     *
     * @param unit what the caller counts in errors ({@code frames})
     */
    static Rosbag2TopicStream open(Path path, TopicChoice choice, int maxRecordBytes, String unit)
            throws SourceException {
        if (!Files.exists(path)) {
            throw new SourceException(path + ": no such file or folder");
        }
        Rosbag2Recording recording;
        try {
            recording = Rosbag2Recording.resolve(path);
        } catch (StorageFormatException e) {
            throw new SourceException(path + ": " + e.where() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException(path + ": cannot read: " + e.getMessage(), e);
        }
        Rosbag2Cursor cursor;
        try {
            cursor = new Rosbag2Cursor(recording, maxRecordBytes);
        } catch (StorageFormatException e) {
            throw new SourceException(recording.files().get(0) + ": corrupt at " + e.where() + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new SourceException(recording.files().get(0) + ": cannot read: " + e.getMessage(), e);
        }
        Rosbag2TopicStream stream = new Rosbag2TopicStream(path, cursor, choice, unit);
        try {
            Optional<List<TopicInfo>> listed = cursor.topicsUpFront();
            if (listed.isPresent()) {
                choice.choose(cursor.file(), topics(listed.get()));
                for (TopicInfo t : listed.get()) {
                    if (choice.wanted(t.topic(), t.type()) && stream.checked.add(t)) {
                        SchemaCheck.check(t);
                    }
                }
            }
            return stream;
        } catch (SourceException e) {
            stream.close();
            throw e;
        } catch (StorageFormatException e) {
            stream.close();
            throw new SourceException(cursor.file() + ": " + e.where() + ": " + e.getMessage(), e);
        }
    }

    private static List<TopicChoice.Topic> topics(List<TopicInfo> topics) {
        return topics.stream().map(t -> new TopicChoice.Topic(t.topic(), t.type())).toList();
    }

    /**
     * The next message of the topic; empty at the end.
     *
     * @param count how many the caller has taken, for errors
     */
    Optional<StoredMessage> next(long count) throws SourceException {
        if (ended) {
            return Optional.empty();
        }
        Optional<StoredMessage> next;
        try {
            next = cursor.next(t -> choice.wanted(t.topic(), t.type()));
            if (next.isPresent() && checked.add(next.get().topic())) {
                SchemaCheck.check(next.get().topic());
            }
        } catch (StorageFormatException e) {
            ended = true;
            throw new SourceException(cursor.file() + ": truncated or corrupt at " + e.where() + ": "
                    + e.getMessage() + " (" + count + " " + unit + " were read before)", e);
        } catch (IOException e) {
            ended = true;
            throw new SourceException(cursor.file() + ": read error after " + count + " " + unit + ": "
                    + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            ended = true;
            Optional<SourceException> missing = choice.missing(path, topics(cursor.topicsSeen()));
            if (missing.isPresent()) {
                throw missing.get();
            }
        }
        return next;
    }

    /** A message that does not parse as its type: ends the stream with an error naming it. */
    SourceException corrupt(StoredMessage m, String why, long count) {
        ended = true;
        return new SourceException(cursor.file() + ": corrupt message on '" + m.topic().topic() + "' at " + m.where()
                + ": " + why + " (" + count + " " + unit + " were read before)");
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
            cursor.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
