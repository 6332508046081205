package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * Decodes the messages of a {@link TopicStream} one by one (into frames, speed samples), counting them: every fault
 * becomes one {@link SourceException} line that names the file, where it broke and how many were read before; after
 * a fault the reader is at its end. The reader of a speed topic is a {@link SpeedSource} as it is
 * ({@link RecordedSpeedSource}).
 *
 * @param <T> what a message decodes into
 */
public class TopicReader<T> implements AutoCloseable {
    private final TopicStream stream;
    private final String unit;
    private final Decoder<T> decoder;
    private long count;
    private boolean ended;

    /** Turns one message into a {@code T}. */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * @param index how many messages were decoded before this one
         */
        T decode(RecordedMessage message, long index) throws MalformedMessageException;
    }

    /**
     * @param unit what is counted in errors ({@code frames}, {@code speed samples})
     */
    public TopicReader(TopicStream stream, String unit, Decoder<T> decoder) {
        this.stream = stream;
        this.unit = unit;
        this.decoder = decoder;
    }

    /** The next decoded message; empty at the end. */
    public Optional<T> next() throws SourceException {
        if (ended) {
            return Optional.empty();
        }
        Optional<RecordedMessage> next;
        try {
            next = stream.next();
        } catch (RecordingFault e) {
            ended = true;
            throw new SourceException(e.getMessage() + " (" + readBefore() + ")", e);
        } catch (SourceException e) {
            ended = true;
            throw e;
        }
        if (next.isEmpty()) {
            ended = true;
            return Optional.empty();
        }
        RecordedMessage m = next.get();
        try {
            T decoded = decoder.decode(m, count);
            count++;
            return Optional.of(decoded);
        } catch (MalformedMessageException e) {
            ended = true;
            throw new SourceException(m.file() + ": corrupt message on '" + m.topic() + "' at " + m.where() + ": "
                    + e.getMessage() + " (" + readBefore() + ")", e);
        }
    }

    private String readBefore() {
        return count + " " + unit + " were read before";
    }

    /** {@code path [topic]}, once the topic is known. */
    public String describe() {
        return stream.describe();
    }

    /** The topic, once known. */
    public Optional<String> topic() {
        return stream.topic();
    }

    @Override
    public void close() {
        stream.close();
    }
}
