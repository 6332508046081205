package dev.triage.datasets.rosbag2;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the messages of one rosbag2 storage file (MCAP or sqlite3) in recording order, streaming: memory stays at
 * about one chunk or message whatever the file's size.
 */
public interface StorageReader extends Closeable {

    /** The topics, when the file lists them up front (sqlite3 always; MCAP when it has a summary). */
    Optional<List<TopicInfo>> topics();

    /** The topics seen so far (all of them once {@link #next} has returned empty). */
    List<TopicInfo> topicsSeen();

    /**
     * The next message whose topic {@code wanted} accepts; others are skipped unparsed. Pass the same filter on
     * every call.
     *
     * @return empty at the end of the file
     * @throws StorageFormatException where the file is truncated or corrupt; messages returned before stay valid
     */
    Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws IOException, StorageFormatException;
}
