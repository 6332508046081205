package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosmsg.RecordedMessage;
import dev.triage.datasets.rosmsg.RecordingFault;
import dev.triage.datasets.rosmsg.SharedPassTopicStream;
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
 * The messages of one chosen topic of a rosbag2 recording (its schema checked at its first message, or at open);
 * faults name the file and the byte offset (MCAP) or message id (sqlite3).
 */
final class Rosbag2TopicStream extends SharedPassTopicStream {
    private final Rosbag2Cursor cursor;
    private final Set<TopicInfo> checked = new HashSet<>();

    private Rosbag2TopicStream(Path path, Rosbag2Cursor cursor, TopicChoice choice) {
        super(path, choice);
        this.cursor = cursor;
    }

    /** Opens {@code path}; where the first file lists its topics, the topic is chosen and its schema checked now. */
    static Rosbag2TopicStream open(Path path, TopicChoice choice, int maxRecordBytes) throws SourceException {
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
        Rosbag2TopicStream stream = new Rosbag2TopicStream(path, cursor, choice);
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

    @Override
    protected Optional<RecordedMessage> read() throws RecordingFault {
        Optional<StoredMessage> next;
        try {
            next = cursor.next(t -> wanted(t.topic(), t.type()));
            if (next.isPresent() && checked.add(next.get().topic())) {
                check(next.get());
            }
        } catch (StorageFormatException e) {
            throw new RecordingFault(cursor.file() + ": truncated or corrupt at " + e.where() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new RecordingFault(cursor.file() + ": read error: " + e.getMessage(), e);
        }
        return next.map(m -> new RecordedMessage(cursor.file(), m.topic().topic(), m.topic().type(), "",
                m.logTimeNanos(), m.data(), m.where()));
    }

    @Override
    protected List<TopicChoice.Topic> topicsSeen() {
        return topics(cursor.topicsSeen());
    }

    /** Checks a topic's schema at its first message; a side topic's bad schema stops the side, not the frames. */
    private void check(StoredMessage first) throws StorageFormatException {
        boolean sideTopic = side().isPresent() && !choice().topic().map(first.topic().topic()::equals).orElse(false);
        try {
            SchemaCheck.check(first.topic());
        } catch (StorageFormatException e) {
            if (!sideTopic) {
                throw e;
            }
            side().get().fail(new SourceException(cursor.file() + ": " + e.where() + ": " + e.getMessage(), e));
        }
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
