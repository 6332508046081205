package dev.triage.datasets.rosbag2;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Walks the messages of a {@link Rosbag2Recording} across its split storage files, one open file at a time.
 * {@link #file()} names the file being read, for errors.
 */
public final class Rosbag2Cursor implements Closeable {
    private final Rosbag2Recording recording;
    private final int maxRecordBytes;
    private final List<TopicInfo> seenInClosedFiles = new ArrayList<>();
    private StorageReader reader;
    private int index;

    /** Opens the recording's first file. */
    public Rosbag2Cursor(Rosbag2Recording recording, int maxRecordBytes) throws IOException, StorageFormatException {
        this.recording = recording;
        this.maxRecordBytes = maxRecordBytes;
        this.reader = recording.open(0, maxRecordBytes);
    }

    /** The storage file being read (the last one at the end). */
    public Path file() {
        return recording.files().get(index);
    }

    /** The topics the first file lists up front, if it does (sqlite3; MCAP with a summary). */
    public Optional<List<TopicInfo>> topicsUpFront() {
        return index == 0 && reader != null ? reader.topics() : Optional.empty();
    }

    /** Every topic seen so far, in the files read. */
    public List<TopicInfo> topicsSeen() {
        List<TopicInfo> all = new ArrayList<>(seenInClosedFiles);
        if (reader != null) {
            all.addAll(reader.topicsSeen());
        }
        return all;
    }

    /** The next wanted message of the recording; empty after the last file. */
    public Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws IOException, StorageFormatException {
        while (reader != null) {
            Optional<StoredMessage> m = reader.next(wanted);
            if (m.isPresent()) {
                return m;
            }
            seenInClosedFiles.addAll(reader.topicsSeen());
            reader.close();
            reader = null;
            if (index + 1 < recording.files().size()) {
                index++;
                reader = recording.open(index, maxRecordBytes);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
