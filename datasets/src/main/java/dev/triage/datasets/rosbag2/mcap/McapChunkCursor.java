package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosbag2.TopicInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One chunk in {@link McapLogTimeMerge}'s queue. Before {@link #load} it stands for its earliest log time (from its
 * chunk index); loaded, it holds the chunk's decompressed records and the wanted channels' message index entries in
 * log-time order (ties in record order), and stands for the log time of the next one. Released once read.
 */
final class McapChunkCursor {
    private static final int MESSAGE_INDEX = 0x07;
    private static final int ENTRY_BYTES = 16;
    private final McapChunkIndex index;
    private final Set<Integer> channels;
    private ByteBuffer records;
    private long[] times;
    private long[] offsets;
    private int next;
    private boolean done;

    /** @param channels the wanted channels this chunk holds */
    McapChunkCursor(McapChunkIndex index, Set<Integer> channels) {
        this.index = index;
        this.channels = Set.copyOf(channels);
    }

    /** The log time it stands for in the queue: the chunk's start time, then that of its next message. */
    long logTime() {
        return records == null ? index.messageStartTime() : times[next];
    }

    /** File offset of the chunk, the first tie-breaker. */
    long chunkStart() {
        return index.chunkStart();
    }

    /** Offset of the next message in the chunk's records; -1 before loading (so the chunk loads before a tie). */
    long offsetInChunk() {
        return records == null ? -1 : offsets[next];
    }

    boolean loaded() {
        return records != null;
    }

    /** Whether every wanted message has been taken (or the chunk has none). */
    boolean done() {
        return done;
    }

    /**
     * Reads, decompresses and CRC-checks the chunk, and orders the message index entries of its wanted channels.
     *
     * @return always empty (the cursor's messages come from {@link #take})
     */
    Optional<StoredMessage> load(FileChannel file, int maxRecordBytes) throws IOException, StorageFormatException {
        String where = "byte " + index.chunkStart() + " (chunk)";
        long size = file.size();
        long contentLength = index.chunkLength() - McapOpcodes.RECORD_PREFIX;
        if (contentLength < 0 || contentLength > maxRecordBytes || index.chunkStart() + index.chunkLength() > size) {
            throw new StorageFormatException(where, "the chunk index gives a Chunk record of "
                    + index.chunkLength() + " bytes, which the file (" + size + " bytes) or the cap of "
                    + maxRecordBytes + " bytes does not allow");
        }
        ByteBuffer record = McapFile.read(file, index.chunkStart(), (int) index.chunkLength());
        int opcode = record.get() & 0xFF;
        long len = record.getLong();
        if (opcode != McapOpcodes.CHUNK || len != contentLength) {
            throw new StorageFormatException(where, "the chunk index points at a record with opcode 0x"
                    + Integer.toHexString(opcode) + " of " + Long.toUnsignedString(len) + " bytes, not at a Chunk "
                    + "record of " + contentLength + " bytes");
        }
        ByteBuffer loaded = ChunkDecompressor.records(record.slice().order(ByteOrder.LITTLE_ENDIAN), where,
                maxRecordBytes);
        List<long[]> entries = new ArrayList<>();
        for (int channel : channels) {
            readMessageIndex(file, index.messageIndexOffsets().get(channel), channel, loaded.limit(), entries);
        }
        entries.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        times = entries.stream().mapToLong(e -> e[0]).toArray();
        offsets = entries.stream().mapToLong(e -> e[1]).toArray();
        records = loaded;
        release();
        return Optional.empty();
    }

    /**
     * The next wanted message of the chunk (empty when its channel is no longer wanted).
     *
     * @throws StorageFormatException when a message index entry does not point at a Message record
     */
    Optional<StoredMessage> take(McapChannels known, Predicate<TopicInfo> wanted) throws StorageFormatException {
        int at = (int) offsets[next];
        String where = "byte " + index.chunkStart() + " (chunk), record at offset " + at + " of its records";
        next++;
        if (records.limit() - at < McapOpcodes.RECORD_PREFIX || (records.get(at) & 0xFF) != McapOpcodes.MESSAGE) {
            throw new StorageFormatException(where, "the message index points at no Message record");
        }
        long len = records.getLong(at + 1);
        if (len < 0 || len > records.limit() - at - McapOpcodes.RECORD_PREFIX) {
            throw new StorageFormatException(where, "record of " + Long.toUnsignedString(len)
                    + " bytes overruns the chunk");
        }
        ByteBuffer content = records.slice(at + McapOpcodes.RECORD_PREFIX, (int) len).order(ByteOrder.LITTLE_ENDIAN);
        Optional<StoredMessage> m = known.message(content, where, wanted);
        release();
        return m;
    }

    /** Marks the cursor done and drops the records once every entry is taken. */
    private void release() {
        if (next == times.length) {
            done = true;
            records = null;
        }
    }

    private void readMessageIndex(FileChannel file, long at, int channel, int recordsLength, List<long[]> out)
            throws IOException, StorageFormatException {
        String where = "byte " + at + " (MessageIndex of the chunk at byte " + index.chunkStart() + ")";
        long size = file.size();
        if (at < 0 || size - at < McapOpcodes.RECORD_PREFIX) {
            throw new StorageFormatException(where, "the chunk index points past the end of the file");
        }
        ByteBuffer prefix = McapFile.read(file, at, McapOpcodes.RECORD_PREFIX);
        int opcode = prefix.get() & 0xFF;
        long len = prefix.getLong();
        if (opcode != MESSAGE_INDEX || len < 0 || len > size - at - McapOpcodes.RECORD_PREFIX
                || len > recordsLength + 6L) {
            throw new StorageFormatException(where, "not a MessageIndex record (opcode 0x"
                    + Integer.toHexString(opcode) + ", " + Long.toUnsignedString(len) + " bytes)");
        }
        ByteBuffer content = McapFile.read(file, at + McapOpcodes.RECORD_PREFIX, (int) len);
        McapFields.read(content, "MessageIndex record", where, f -> {
            int id = f.uint16();
            long bytes = f.uint32();
            if (id != channel || bytes % ENTRY_BYTES != 0 || bytes > len - 6) {
                throw new StorageFormatException(where, "MessageIndex of channel " + id + " with " + bytes
                        + " bytes of entries, where the chunk index expects channel " + channel);
            }
            for (long i = 0; i < bytes / ENTRY_BYTES; i++) {
                long time = f.uint64();
                long offset = f.uint64();
                if (offset >= recordsLength) {
                    throw new StorageFormatException(where, "entry " + i + " points at offset " + offset
                            + ", past the chunk's " + recordsLength + " bytes of records");
                }
                out.add(new long[] {time, offset});
            }
        });
    }
}
