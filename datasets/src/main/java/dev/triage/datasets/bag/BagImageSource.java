package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
    private final Path path;
    private final BagReader reader;
    private final Optional<String> requestedTopic;
    private String topic;
    private long seq;
    private boolean ended;

    private BagImageSource(Path path, BagReader reader, Optional<String> requestedTopic, String topic) {
        this.path = path;
        this.reader = reader;
        this.requestedTopic = requestedTopic;
        this.topic = topic;
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
            String chosen = index.isPresent() ? choose(bag, index.get(), topic) : null;
            return new BagImageSource(bag, reader, topic, chosen);
        } catch (IOException | SourceException e) {
            closeQuietly(reader);
            if (e instanceof SourceException s) {
                throw s;
            }
            throw new SourceException(bag + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String choose(Path bag, List<BagConnection> connections, Optional<String> topic)
            throws SourceException {
        if (topic.isPresent()) {
            List<BagConnection> on = connections.stream().filter(c -> c.topic().equals(topic.get())).toList();
            if (on.isEmpty()) {
                throw new SourceException(bag + ": no topic '" + topic.get() + "'; " + listing(connections));
            }
            for (BagConnection c : on) {
                if (!RosImageMessageParser.isImageType(c.type())) {
                    throw new SourceException(bag + ": topic '" + topic.get() + "' carries " + c.type() + ", not "
                            + RosImageMessageParser.IMAGE + " or " + RosImageMessageParser.COMPRESSED_IMAGE);
                }
            }
            return topic.get();
        }
        return connections.stream().filter(c -> RosImageMessageParser.isImageType(c.type())).findFirst()
                .map(BagConnection::topic)
                .orElseThrow(() -> new SourceException(bag + ": no " + RosImageMessageParser.IMAGE + " or "
                        + RosImageMessageParser.COMPRESSED_IMAGE + " topic; " + listing(connections)));
    }

    private static String listing(Collection<BagConnection> connections) {
        if (connections.isEmpty()) {
            return "the bag has no topics";
        }
        return "topics: " + connections.stream().map(c -> c.topic() + " (" + c.type() + ")").distinct()
                .collect(Collectors.joining(", "));
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        if (ended) {
            return Optional.empty();
        }
        Optional<BagMessage> next;
        try {
            next = reader.next(this::wanted);
        } catch (BagFormatException e) {
            throw new SourceException(path + ": truncated or corrupt at byte " + e.offset() + ": " + e.getMessage()
                    + " (" + seq + " frames were read before)", e);
        } catch (IOException e) {
            throw new SourceException(path + ": read error after " + seq + " frames: " + e.getMessage(), e);
        }
        if (next.isEmpty()) {
            ended = true;
            if (topic == null) {
                throw new SourceException(path + ": " + (requestedTopic.isPresent()
                        ? "no topic '" + requestedTopic.get() + "'" : "no " + RosImageMessageParser.IMAGE + " or "
                        + RosImageMessageParser.COMPRESSED_IMAGE + " topic") + "; "
                        + listing(reader.connections().values()));
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

    /** Selects the messages to parse; without an index, the topic is fixed by the first matching connection. */
    private boolean wanted(BagConnection c) {
        if (topic != null) {
            return c.topic().equals(topic);
        }
        boolean match = requestedTopic.isPresent() ? c.topic().equals(requestedTopic.get())
                : RosImageMessageParser.isImageType(c.type());
        if (match) {
            topic = c.topic();
        }
        return match;
    }

    /** The bag path and, once known, the topic: {@code drive.bag [/camera/image_raw]}. */
    @Override
    public String describe() {
        return topic == null ? path.toString() : path + " [" + topic + "]";
    }

    /** The topic being replayed, once known (at open when the bag has an index). */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
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
