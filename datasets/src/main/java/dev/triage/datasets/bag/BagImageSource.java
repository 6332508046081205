package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;
import dev.triage.datasets.rosmsg.TopicChoice;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FrameSource} that replays one image topic of a ROS1 bag (v2.0; chunks uncompressed, bz2 or lz4):
 * sensor_msgs/Image as {@code Image.Raw} (encoding, step and data as recorded) or sensor_msgs/CompressedImage as
 * {@code Image.Encoded} (its {@code format}). Stamps are the message header stamps (the record time where a header
 * stamp is 0); {@code frameId} is {@code header.frame_id}. The topic is the one asked for, else the first image
 * topic in connection order.
 *
 * <p>Reads the bag from the start, chunk by chunk, and does not need its index, so a bag cut off mid-recording
 * replays up to the cut: every complete message is returned, then {@link #next()} throws a {@link SourceException}
 * that names the file and the byte offset where it broke.
 *
 * <pre>{@code
 * try (FrameSource source = BagImageSource.open(Path.of("drive.bag"), Optional.of("/camera/image_raw"))) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class BagImageSource implements FrameSource {
    private static final String IMAGE_TYPES = RosImageMessageParser.IMAGE + " or "
            + RosImageMessageParser.COMPRESSED_IMAGE;
    private final Path path;
    private final BagReader reader;
    private final TopicChoice choice;
    private long seq;
    private boolean ended;

    private BagImageSource(Path path, BagReader reader, TopicChoice choice) {
        this.path = path;
        this.reader = reader;
        this.choice = choice;
    }

    /** Opens {@code bag} with the default record cap ({@link BagReader#DEFAULT_MAX_RECORD_BYTES}). */
    public static BagImageSource open(Path bag, Optional<String> topic) throws SourceException {
        return open(bag, topic, BagReader.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Opens {@code bag}. When the bag has an index, the topic is checked now; otherwise while streaming.
     *
     * @param topic          the image topic to replay; empty for the first image topic
     * @param maxRecordBytes cap on one record header and one message
     * @throws SourceException naming the file: missing, unreadable, not a bag, or no such image topic
     */
    public static BagImageSource open(Path bag, Optional<String> topic, int maxRecordBytes) throws SourceException {
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
        try {
            Optional<List<BagConnection>> index = BagIndexReader.connections(bag, reader.header(), maxRecordBytes);
            TopicChoice choice = new TopicChoice(topic, RosImageMessageParser::isImageType, IMAGE_TYPES);
            if (index.isPresent()) {
                choice.choose(bag, topics(index.get()));
            }
            return new BagImageSource(bag, reader, choice);
        } catch (IOException | SourceException e) {
            closeQuietly(reader);
            if (e instanceof SourceException s) {
                throw s;
            }
            throw new SourceException(bag + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<TopicChoice.Topic> topics(Collection<BagConnection> connections) {
        return connections.stream().map(c -> new TopicChoice.Topic(c.topic(), c.type())).toList();
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        if (ended) {
            return Optional.empty();
        }
        Optional<BagMessage> next;
        try {
            next = reader.next(c -> choice.wanted(c.topic(), c.type()));
        } catch (BagFormatException e) {
            throw new SourceException(path + ": truncated or corrupt at byte " + e.offset() + ": " + e.getMessage()
                    + " (" + seq + " frames were read before)", e);
        } catch (IOException e) {
            throw new SourceException(path + ": read error after " + seq + " frames: " + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            ended = true;
            Optional<SourceException> missing = choice.missing(path, topics(reader.connections().values()));
            if (missing.isPresent()) {
                throw missing.get();
            }
            return Optional.empty();
        }
        BagMessage m = next.get();
        BagConnection c = m.connection();
        RosImageMessage image;
        try {
            image = RosImageMessageParser.parse(c.type(), c.md5sum(), m.data());
        } catch (MalformedMessageException e) {
            ended = true;
            throw new SourceException(path + ": corrupt message on '" + c.topic() + "' at byte " + m.offset() + ": "
                    + e.getMessage() + " (" + seq + " frames were read before)", e);
        }
        return Optional.of(image.toFrame(seq++, m.recordTimeNanos()));
    }

    /** The bag path and, once known, the topic: {@code drive.bag [/camera/image_raw]}. */
    @Override
    public String describe() {
        return choice.describe(path);
    }

    /** The topic being replayed, once known (at open when the bag has an index). */
    public Optional<String> topic() {
        return choice.topic();
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(BagReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
