package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * Decodes the messages of a {@link TopicStream} one by one (into frames, speed samples), counting them: a fault of
 * the recording (a cut file, a bad chunk) becomes one {@link SourceException} line that names the file, where it
 * broke and how many were read before, and the reader is then at its end. A message that does not decode in an
 * intact recording becomes what the {@link Fallback} makes of it (an image topic: a frame that names it, and the
 * reading goes on), or without one the same kind of exception; so does a topic whose type or definition is not the
 * decoder's ({@link MalformedMessageException#wholeTopic()}), fallback or not. The reader of a speed topic is a {@link SpeedSource}
 * as it is ({@link RecordedSpeedSource}).
 *
 * @param <T> what a message decodes into
 */
public class TopicReader<T> implements AutoCloseable {
    private final TopicStream stream;
    private final String unit;
    private final Decoder<T> decoder;
    private final Fallback<T> fallback;
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

    /** What a message that does not decode becomes, in place of the end of the reader. */
    @FunctionalInterface
    public interface Fallback<T> {
        /**
         * @param index  how many messages were decoded (or stood in for) before this one
         * @param reason the file, the topic, where the message is stored and what is wrong with it
         */
        T undecodable(RecordedMessage message, long index, String reason);
    }

    /**
     * A reader that ends at the first message that does not decode.
     *
     * @param unit what is counted in errors ({@code frames}, {@code speed samples})
     */
    public TopicReader(TopicStream stream, String unit, Decoder<T> decoder) {
        this(stream, unit, decoder, null);
    }

    /**
     * A reader that hands a message that does not decode to {@code fallback} and goes on.
     *
     * @param unit what is counted in errors ({@code frames}, {@code speed samples})
     */
    public TopicReader(TopicStream stream, String unit, Decoder<T> decoder, Fallback<T> fallback) {
        this.stream = stream;
        this.unit = unit;
        this.decoder = decoder;
        this.fallback = fallback;
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
            String reason = m.file() + ": corrupt message on '" + m.topic() + "' at " + m.where() + ": "
                    + e.getMessage();
            if (fallback != null && !e.wholeTopic()) {
                return Optional.of(fallback.undecodable(m, count++, reason));
            }
            ended = true;
            throw new SourceException(reason + " (" + readBefore() + ")", e);
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
