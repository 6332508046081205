package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which topic a recording source reads: the one asked for, else the first topic of the wanted types (images,
 * speeds). Fixed at open when the recording lists its topics up front, otherwise by the first matching message
 * while streaming. Shared by the ROS 1 bag and the rosbag2 sources.
 */
public final class TopicChoice {
    private final Optional<String> requested;
    private final Predicate<String> isImageType;
    private final String imageTypes;
    private String topic;

    /**
     * @param requested   the topic asked for ({@code --topic}); empty for the first image topic
     * @param isImageType which type names are wanted (image types, speed types)
     * @param imageTypes  their names for errors ({@code sensor_msgs/Image or sensor_msgs/CompressedImage})
     */
    public TopicChoice(Optional<String> requested, Predicate<String> isImageType, String imageTypes) {
        this.requested = Objects.requireNonNull(requested, "requested");
        this.isImageType = isImageType;
        this.imageTypes = imageTypes;
    }

    /** A topic and the type it carries. */
    public record Topic(String name, String type) {
    }

    /**
     * Fixes the topic from a recording's topic list.
     *
     * @param file names the recording in errors
     * @throws SourceException when the requested topic is missing or carries no image type, or there is no image
     *                         topic; the message lists the recording's topics
     */
    public void choose(Object file, List<Topic> topics) throws SourceException {
        if (requested.isPresent()) {
            List<Topic> on = topics.stream().filter(t -> t.name().equals(requested.get())).toList();
            if (on.isEmpty()) {
                throw new SourceException(file + ": no topic '" + requested.get() + "'; " + listing(topics));
            }
            for (Topic t : on) {
                if (!isImageType.test(t.type())) {
                    throw new SourceException(file + ": topic '" + requested.get() + "' carries " + t.type()
                            + ", not " + imageTypes);
                }
            }
            topic = requested.get();
            return;
        }
        topic = topics.stream().filter(t -> isImageType.test(t.type())).findFirst().map(Topic::name)
                .orElseThrow(() -> new SourceException(file + ": no " + imageTypes + " topic; " + listing(topics)));
    }

    /** Whether messages of this topic are replayed; without a topic list, the first match fixes the topic. */
    public boolean wanted(String name, String type) {
        if (topic != null) {
            return name.equals(topic);
        }
        boolean match = requested.isPresent() ? name.equals(requested.get()) : isImageType.test(type);
        if (match) {
            topic = name;
        }
        return match;
    }

    /** The error when a recording ended without the topic: what was missing, then the topics seen. */
    public Optional<SourceException> missing(Object file, Collection<Topic> seen) {
        if (topic != null) {
            return Optional.empty();
        }
        return Optional.of(new SourceException(file + ": " + (requested.isPresent()
                ? "no topic '" + requested.get() + "'" : "no " + imageTypes + " topic") + "; " + listing(seen)));
    }

    /** The topic, once known. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    /** {@code path [topic]} once the topic is known, else the path. */
    public String describe(Object path) {
        return topic == null ? path.toString() : path + " [" + topic + "]";
    }

    private static String listing(Collection<Topic> topics) {
        if (topics.isEmpty()) {
            return "the recording has no topics";
        }
        return "topics: " + topics.stream().map(t -> t.name() + " (" + t.type() + ")").distinct()
                .collect(Collectors.joining(", "));
    }
}
