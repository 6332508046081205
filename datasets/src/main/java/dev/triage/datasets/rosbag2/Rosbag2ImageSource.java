package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosbag2.mcap.McapReader;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link FrameSource} that replays one image topic of a ROS 2 recording ({@code ros2 bag record}): a bag folder
 * with metadata.yaml and its split files, a bare {@code .mcap} or a bare {@code .db3}. sensor_msgs/msg/Image becomes
 * {@code Image.Raw} (encoding, step and data as recorded), sensor_msgs/msg/CompressedImage {@code Image.Encoded};
 * stamps are the header stamps (the log time where a stamp is 0), {@code frameId} is {@code header.frame_id}. The
 * topic is the one asked for, else the first image topic.
 *
 * <p>When a file is truncated or corrupt, every frame before the fault is returned, then {@link #next()} throws a
 * {@link SourceException} naming the file and the byte offset (MCAP) or message id (sqlite3) where it broke.
 *
 * <pre>{@code
 * try (FrameSource source = Rosbag2ImageSource.open(Path.of("drive_bag"), Optional.empty())) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class Rosbag2ImageSource implements FrameSource {
    private static final String IMAGE_TYPES = Ros2ImageParser.IMAGE + " or " + Ros2ImageParser.COMPRESSED_IMAGE;
    private final Path path;
    private final Rosbag2Cursor cursor;
    private final TopicChoice choice;
    private final Set<TopicInfo> checked = new HashSet<>();
    private long seq;
    private boolean ended;

    private Rosbag2ImageSource(Path path, Rosbag2Cursor cursor, TopicChoice choice) {
        this.path = path;
        this.cursor = cursor;
        this.choice = choice;
    }

    /** Opens {@code path} with the default record cap ({@link McapReader#DEFAULT_MAX_RECORD_BYTES}). */
    public static Rosbag2ImageSource open(Path path, Optional<String> topic) throws SourceException {
        return open(path, topic, McapReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Opens {@code path}. Where the first file lists its topics (sqlite3, MCAP with a summary) the topic and its
     * schema are checked now; otherwise while streaming.
     *
     * @param topic          the image topic to replay; empty for the first image topic
     * @param maxRecordBytes cap on one MCAP record (a chunk) and on one chunk's uncompressed records
     * @throws SourceException naming the file: missing, unreadable, not a recording, or no such image topic
     */
    public static Rosbag2ImageSource open(Path path, Optional<String> topic, int maxRecordBytes)
            throws SourceException {
        if (!Files.exists(path)) {
            throw new SourceException(path + ": no such file or folder");
        }
        Rosbag2Recording recording;
        Rosbag2Cursor cursor;
        try {
            recording = Rosbag2Recording.resolve(path);
        } catch (StorageFormatException e) {
            throw new SourceException(path + ": " + e.where() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException(path + ": cannot read: " + e.getMessage(), e);
        }
        try {
            cursor = new Rosbag2Cursor(recording, maxRecordBytes);
        } catch (StorageFormatException e) {
            throw new SourceException(recording.files().get(0) + ": corrupt at " + e.where() + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new SourceException(recording.files().get(0) + ": cannot read: " + e.getMessage(), e);
        }
        try {
            Optional<List<TopicInfo>> listed = cursor.topicsUpFront();
            TopicChoice choice = new TopicChoice(topic, Ros2ImageParser::isImageType, IMAGE_TYPES);
            if (listed.isPresent()) {
                choice.choose(cursor.file(), topics(listed.get()));
                for (TopicInfo t : listed.get()) {
                    if (choice.wanted(t.topic(), t.type())) {
                        SchemaCheck.check(t);
                    }
                }
            }
            return new Rosbag2ImageSource(path, cursor, choice);
        } catch (SourceException | StorageFormatException e) {
            closeQuietly(cursor);
            if (e instanceof StorageFormatException s) {
                throw new SourceException(cursor.file() + ": " + s.where() + ": " + s.getMessage(), s);
            }
            throw (SourceException) e;
        }
    }

    private static List<TopicChoice.Topic> topics(List<TopicInfo> topics) {
        return topics.stream().map(t -> new TopicChoice.Topic(t.topic(), t.type())).toList();
    }

    @Override
    public Optional<Frame> next() throws SourceException {
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
                    + e.getMessage() + " (" + seq + " frames were read before)", e);
        } catch (IOException e) {
            ended = true;
            throw new SourceException(cursor.file() + ": read error after " + seq + " frames: " + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            ended = true;
            Optional<SourceException> missing = choice.missing(path, topics(cursor.topicsSeen()));
            if (missing.isPresent()) {
                throw missing.get();
            }
            return Optional.empty();
        }
        StoredMessage m = next.get();
        RosImageMessage image;
        try {
            image = Ros2ImageParser.parse(m.topic().type(), m.data());
        } catch (MalformedMessageException e) {
            ended = true;
            throw new SourceException(cursor.file() + ": corrupt message on '" + m.topic().topic() + "' at "
                    + m.where() + ": " + e.getMessage() + " (" + seq + " frames were read before)", e);
        }
        return Optional.of(image.toFrame(seq++, m.logTimeNanos()));
    }

    /** The recording path and, once known, the topic: {@code drive_bag [/camera/image_raw]}. */
    @Override
    public String describe() {
        return choice.describe(path);
    }

    /** The topic being replayed, once known. */
    public Optional<String> topic() {
        return choice.topic();
    }

    @Override
    public void close() {
        closeQuietly(cursor);
    }

    private static void closeQuietly(Rosbag2Cursor cursor) {
        try {
            cursor.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
