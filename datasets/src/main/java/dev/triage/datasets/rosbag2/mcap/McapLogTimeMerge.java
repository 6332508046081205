package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StorageReader;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosbag2.TopicInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the messages of an indexed MCAP file in log-time order, as the MCAP specification's indexed reader and
 * {@code ros2 bag play} do, whatever order the chunks lie in the file (a recorder with several writer threads, or a
 * merged file, writes chunks whose time ranges overlap). A k-way merge over the chunks: each chunk that holds a
 * wanted channel (from the summary's chunk indexes) waits in a priority queue under its earliest log time and is only
 * decompressed when that time comes up; its wanted messages are then ordered by their MessageIndex records and take
 * its place in the queue one by one. Equal log times keep file order (chunk offset, then offset in the chunk).
 *
 * <p>Memory: the chunks decompressed at one time are those whose time ranges overlap the current log time, so at
 * most the peak of {@link #overlapBytes} (one chunk when the file is in order); {@link McapStorage} uses this reader
 * only when that peak is within its cap. A chunk that is corrupt fails when its turn comes, after every message
 * before it in log time.
 */
final class McapLogTimeMerge implements StorageReader {
    private static final Comparator<McapChunkCursor> ORDER = Comparator.comparingLong(McapChunkCursor::logTime)
            .thenComparingLong(McapChunkCursor::chunkStart).thenComparingLong(McapChunkCursor::offsetInChunk);
    private final FileChannel file;
    private final McapSummary summary;
    private final int maxRecordBytes;
    private PriorityQueue<McapChunkCursor> queue;
    private StorageFormatException failure;

    McapLogTimeMerge(FileChannel file, McapSummary summary, int maxRecordBytes) {
        this.file = file;
        this.summary = summary;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Whether the merge can read this summary's file: it has chunk indexes, each with the message indexes that say
     * which channels the chunk holds, and the summary defines every one of those channels.
     */
    static boolean canRead(McapSummary summary) {
        return !summary.chunks().isEmpty() && summary.chunks().stream().allMatch(c -> c.indexed() && c
                .messageIndexOffsets().keySet().stream().allMatch(id -> summary.channels().channel(id).isPresent()));
    }

    /** The most uncompressed chunk bytes whose log-time ranges overlap at one instant (what the merge may hold). */
    static long overlapBytes(List<McapChunkIndex> chunks) {
        List<McapChunkIndex> byStart = chunks.stream()
                .sorted(Comparator.comparingLong(McapChunkIndex::messageStartTime)).toList();
        PriorityQueue<McapChunkIndex> open = new PriorityQueue<>(Comparator.comparingLong(
                McapChunkIndex::messageEndTime));
        long held = 0;
        long peak = 0;
        for (McapChunkIndex c : byStart) {
            while (!open.isEmpty() && open.peek().messageEndTime() < c.messageStartTime()) {
                held -= open.poll().uncompressedSize();
            }
            open.add(c);
            held += c.uncompressedSize();
            peak = Math.max(peak, held);
        }
        return peak;
    }

    @Override
    public Optional<List<TopicInfo>> topics() {
        return Optional.of(summary.channels().all());
    }

    @Override
    public List<TopicInfo> topicsSeen() {
        return summary.channels().all();
    }

    @Override
    public Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws IOException, StorageFormatException {
        if (failure != null) {
            throw failure;
        }
        if (queue == null) {
            queue = queue(wantedChannels(wanted));
        }
        try {
            while (!queue.isEmpty()) {
                McapChunkCursor cursor = queue.poll();
                Optional<StoredMessage> m = cursor.loaded() ? cursor.take(summary.channels(), wanted)
                        : cursor.load(file, maxRecordBytes);
                if (!cursor.done()) {
                    queue.add(cursor);
                }
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        } catch (StorageFormatException e) {
            failure = e;
            throw e;
        }
    }

    /** The channels the filter wants, asked in the summary's channel order. */
    private Set<Integer> wantedChannels(Predicate<TopicInfo> wanted) {
        Set<Integer> ids = new LinkedHashSet<>();
        summary.channels().ids().forEach(id -> {
            if (wanted.test(summary.channels().channel(id).orElseThrow())) {
                ids.add(id);
            }
        });
        return ids;
    }

    private PriorityQueue<McapChunkCursor> queue(Set<Integer> channels) {
        PriorityQueue<McapChunkCursor> q = new PriorityQueue<>(ORDER);
        for (McapChunkIndex c : summary.chunks()) {
            Set<Integer> held = new LinkedHashSet<>(c.messageIndexOffsets().keySet());
            held.retainAll(channels);
            if (!held.isEmpty()) {
                q.add(new McapChunkCursor(c, held));
            }
        }
        return q;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
