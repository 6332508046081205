package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.SourceException;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The speed topic of a recording read in the same pass as its frames: a {@link TopicStream} that carries a side
 * hands every message of the side's topic here instead of returning it, so a recording without a topic list (an
 * unindexed MCAP or ROS 1 bag) is read once for frames and speed alike, not once more by a second handle that has to
 * reach the end to learn that there is no speed topic. The samples wait here until {@link #drain()} (after each
 * frame); at most {@value #CAPACITY} wait, older ones beyond that are dropped and counted.
 *
 * <p>A message that does not decode stops the side (counted in {@link #fault()}), never the frames.
 */
public final class SpeedSide {
    /** Most samples kept between two drains. */
    public static final int CAPACITY = 4096;
    private static final System.Logger LOG = System.getLogger(SpeedSide.class.getName());
    private final TopicChoice choice;
    private final TopicReader.Decoder<SpeedSample> decoder;
    private final ArrayDeque<SpeedSample> pending = new ArrayDeque<>();
    private long decoded;
    private long dropped;
    private Optional<SourceException> fault = Optional.empty();
    private Optional<SourceException> missing = Optional.empty();

    /**
     * @param requested the speed topic asked for ({@code --speed-topic}); empty for the first speed topic
     * @param decoder   the storage's speed decoder (CDR or ROS 1)
     */
    public SpeedSide(Optional<String> requested, TopicReader.Decoder<SpeedSample> decoder) {
        this.choice = SpeedMessages.topicChoice(requested);
        this.decoder = decoder;
    }

    /** Whether a message of this topic and type belongs to the side (the first match fixes the topic). */
    public boolean wanted(String topic, String type) {
        return fault.isEmpty() && choice.wanted(topic, type);
    }

    /** Whether {@code message} is the side's: then it is decoded into a waiting sample. */
    public boolean take(RecordedMessage message) {
        if (!choice.topic().map(message.topic()::equals).orElse(false)) {
            return false;
        }
        if (fault.isPresent()) {
            return true;
        }
        try {
            SpeedSample s = decoder.decode(message, decoded);
            decoded++;
            if (pending.size() == CAPACITY) {
                pending.removeFirst();
                if (dropped++ == 0) {
                    LOG.log(System.Logger.Level.WARNING, message.file() + ": more than " + CAPACITY + " speed samples "
                            + "between two frames; the oldest are dropped and counted");
                }
            }
            pending.addLast(s);
        } catch (MalformedMessageException e) {
            fault = Optional.of(new SourceException(message.file() + ": corrupt message on '" + message.topic()
                    + "' at " + message.where() + ": " + e.getMessage() + " (" + decoded
                    + " speed samples were read before)", e));
        }
        return true;
    }

    /** Stops the side: its topic cannot be read (a schema with another layout, say). */
    public void fail(SourceException why) {
        if (fault.isEmpty()) {
            fault = Optional.of(why);
        }
    }

    /** The samples read since the last call, oldest first. */
    public List<SpeedSample> drain() {
        List<SpeedSample> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** Samples dropped because more than {@value #CAPACITY} waited. */
    public long dropped() {
        return dropped;
    }

    /** Why the side stopped early: a speed message that did not decode, or a speed schema it cannot read. */
    public Optional<SourceException> fault() {
        return fault;
    }

    /**
     * Why the side gave no (more) speed: a message that did not decode, or, once the recording ended, that it has
     * no such topic (the asked-for one, or any speed topic), listing the topics it has.
     */
    public Optional<SourceException> failure() {
        return fault.or(() -> missing);
    }

    /** Called by the stream at the end of the recording, with the topics it saw. */
    public void ended(Object file, Collection<TopicChoice.Topic> seen) {
        missing = choice.missing(file, seen);
    }

    /** The speed topic, once known. */
    public Optional<String> topic() {
        return choice.topic();
    }
}
