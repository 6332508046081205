package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * The messages of one chosen topic of a recording, in recording order: the storage-specific part of a recording
 * source (ROS 1 bag, rosbag2 MCAP or sqlite3). {@link TopicReader} decodes them and counts.
 */
public interface TopicStream extends AutoCloseable {

    /**
     * The next message of the topic; empty at the end.
     *
     * @throws RecordingFault  where the recording broke off
     * @throws SourceException when it ended without the topic (listing the topics it has)
     */
    Optional<RecordedMessage> next() throws RecordingFault, SourceException;

    /** The recording as it was named (a file or a bag folder). */
    Object path();

    /** Which topic is read. */
    TopicChoice choice();

    /** {@code path [topic]}, once the topic is known. */
    default String describe() {
        return choice().describe(path());
    }

    /** The topic, once known. */
    default Optional<String> topic() {
        return choice().topic();
    }

    @Override
    void close();
}
