package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StorageReader;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosbag2.TopicInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the messages of one MCAP file (the rosbag2 default storage since Iron) in file order (for log-time order,
 * {@link McapStorage} puts a {@link dev.triage.datasets.rosbag2.LogTimeWindow} behind it): top-level Message
 * records and the records of every Chunk (uncompressed, zstd or lz4; CRC-32 checked when recorded). Indexes are not
 * needed: the summary, when there is one, only lists the topics up front; a file without it (written unindexed, or
 * cut off by a crash) is read the same way. Memory: one chunk at a time.
 *
 * <p>Errors name the byte offset of the record that broke (for a chunk, of the chunk): a file that ends before its
 * Footer is truncated, whatever byte it was cut at. A chunk cut off by the end of the file (a recorder killed while
 * writing it) gives the complete records its decompressor can recover from the bytes that are there
 * ({@link ChunkDecompressor#decompressPrefix}; their CRC cannot be checked, the CRC covers the whole chunk); the
 * cut is reported after them.
 */
public final class McapReader implements StorageReader {
    /** Default cap on one record (a chunk, compressed or not) and on the summary section: 256 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;
    private final FileChannel file;
    private final long size;
    private final int maxRecordBytes;
    private final Optional<McapSummary> summary;
    private final McapChannels channels;
    private long position = McapOpcodes.MAGIC.length;
    private ByteBuffer chunk;
    private long chunkAt;
    private boolean ended;
    /** The cut that ends a salvaged chunk (set while its recovered records are read; thrown after them). */
    private StorageFormatException cutAfterSalvage;

    /** A reader of {@code file} (whose leading magic {@link McapStorage#open} checked) from its first record. */
    McapReader(FileChannel file, long size, int maxRecordBytes, Optional<McapSummary> summary) {
        this.file = file;
        this.size = size;
        this.maxRecordBytes = maxRecordBytes;
        this.summary = summary;
        this.channels = summary.map(McapSummary::channels).orElseGet(McapChannels::new);
    }

    @Override
    public Optional<List<TopicInfo>> topics() {
        return summary.map(s -> s.channels().all());
    }

    @Override
    public List<TopicInfo> topicsSeen() {
        return channels.all();
    }

    @Override
    public Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws IOException, StorageFormatException {
        while (!ended) {
            Optional<StoredMessage> m = chunk != null ? nextInChunk(wanted) : nextTopLevel(wanted);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private Optional<StoredMessage> nextInChunk(Predicate<TopicInfo> wanted) throws StorageFormatException {
        if (!chunk.hasRemaining()) {
            chunk = null;
            return Optional.empty();
        }
        int at = chunk.position();
        String where = "byte " + chunkAt + " (chunk), record at offset " + at + " of its records";
        if (cutAfterSalvage != null && (chunk.remaining() < McapOpcodes.RECORD_PREFIX
                || Long.compareUnsigned(chunk.getLong(at + 1), chunk.remaining() - McapOpcodes.RECORD_PREFIX) > 0)) {
            chunk = null; // the recovered records end inside this one: the cut comes next
            return Optional.empty();
        }
        if (chunk.remaining() < McapOpcodes.RECORD_PREFIX) {
            throw new StorageFormatException(where, "record header cut off inside the chunk");
        }
        int opcode = chunk.get() & 0xFF;
        long len = chunk.getLong();
        if (len < 0 || len > chunk.remaining()) {
            throw new StorageFormatException(where, "record of " + Long.toUnsignedString(len)
                    + " bytes overruns the chunk (" + chunk.remaining() + " bytes left)");
        }
        ByteBuffer content = chunk.slice(chunk.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
        chunk.position(chunk.position() + (int) len);
        return record(opcode, content, where, wanted);
    }

    private Optional<StoredMessage> nextTopLevel(Predicate<TopicInfo> wanted)
            throws IOException, StorageFormatException {
        if (cutAfterSalvage != null) {
            ended = true;
            throw cutAfterSalvage;
        }
        long at = position;
        String where = "byte " + at;
        if (size - at < McapOpcodes.RECORD_PREFIX) {
            throw new StorageFormatException(where, size == at ? "the file ends without a Footer record"
                    : "record header cut off by the end of the file");
        }
        ByteBuffer prefix = McapFile.read(file, at, McapOpcodes.RECORD_PREFIX);
        int opcode = prefix.get() & 0xFF;
        long len = prefix.getLong();
        if (len < 0 || len > size - at - McapOpcodes.RECORD_PREFIX) {
            String cut = "record (opcode 0x" + Integer.toHexString(opcode) + ") of " + Long.toUnsignedString(len)
                    + " bytes runs past the end of the file at byte " + size;
            if (opcode == McapOpcodes.CHUNK && len > 0 && len <= maxRecordBytes && !holdsNothingWanted(at, wanted)) {
                salvage(at, where, cut);
                return Optional.empty();
            }
            throw new StorageFormatException(where, cut);
        }
        long end = at + McapOpcodes.RECORD_PREFIX + len;
        position = end;
        if (opcode == McapOpcodes.FOOTER) {
            ended = true;
            checkClosingMagic(end);
            return Optional.empty();
        }
        if (opcode != McapOpcodes.SCHEMA && opcode != McapOpcodes.CHANNEL && opcode != McapOpcodes.MESSAGE
                && opcode != McapOpcodes.CHUNK) {
            return Optional.empty(); // header, indexes, attachments, metadata, statistics, data end: not needed
        }
        if (len > maxRecordBytes) {
            throw new StorageFormatException(where, "record of " + len + " bytes exceeds the cap of "
                    + maxRecordBytes + " bytes");
        }
        if (opcode == McapOpcodes.CHUNK && holdsNothingWanted(at, wanted)) {
            return Optional.empty(); // skipped undecompressed, as the chunk index allows
        }
        ByteBuffer content = McapFile.read(file, at + McapOpcodes.RECORD_PREFIX, (int) len);
        if (opcode == McapOpcodes.CHUNK) {
            chunk = ChunkDecompressor.records(content, where, maxRecordBytes);
            chunkAt = at;
            return Optional.empty();
        }
        return record(opcode, content, where, wanted);
    }

    /**
     * Reads what is there of a chunk that the end of the file cuts off, decompresses what its decompressor can
     * recover, and serves the complete records of that; the cut is thrown after them, naming how much was
     * recovered. A chunk whose header is cut, or whose compression is unknown, recovers nothing.
     */
    private void salvage(long at, String where, String cut) throws IOException {
        long available = size - at - McapOpcodes.RECORD_PREFIX;
        ByteBuffer content = McapFile.read(file, at + McapOpcodes.RECORD_PREFIX, (int) available);
        McapFields f = new McapFields(content, "Chunk record");
        byte[] recovered = new byte[0];
        long declared = 0;
        try {
            f.uint64(); // message start time
            f.uint64(); // message end time
            declared = f.uint64();
            f.uint32(); // CRC of the whole records: cannot be checked on a part
            String compression = f.string();
            f.uint64(); // records length, past the end of the file
            recovered = ChunkDecompressor.decompressPrefix(compression, f.rest(),
                    (int) Math.min(declared, maxRecordBytes));
        } catch (McapFields.McapFieldException e) {
            // the chunk header itself is cut: nothing to recover
        }
        position = size;
        cutAfterSalvage = new StorageFormatException(where, cut + "; " + recovered.length + " of its " + declared
                + " uncompressed bytes could be recovered, and the complete messages in them were read");
        chunk = ByteBuffer.wrap(recovered).order(ByteOrder.LITTLE_ENDIAN);
        chunkAt = at;
    }

    /** True when the summary's chunk index says the chunk at {@code at} holds no message of a wanted channel. */
    private boolean holdsNothingWanted(long at, Predicate<TopicInfo> wanted) {
        Optional<Set<Integer>> ids = summary.flatMap(s -> s.channelsOfChunk(at));
        if (ids.isEmpty()) {
            return false;
        }
        for (int id : ids.get()) {
            Optional<TopicInfo> topic = channels.channel(id);
            if (topic.isEmpty() || wanted.test(topic.get())) {
                return false;
            }
        }
        return true;
    }

    private void checkClosingMagic(long at) throws IOException, StorageFormatException {
        byte[] magic = new byte[McapOpcodes.MAGIC.length];
        if (size - at != magic.length) {
            throw new StorageFormatException("byte " + at, (size - at) + " bytes follow the Footer record, the "
                    + "closing magic takes " + magic.length);
        }
        McapFile.read(file, at, magic.length).get(magic);
        if (!Arrays.equals(magic, McapOpcodes.MAGIC)) {
            throw new StorageFormatException("byte " + at, "the closing MCAP magic is wrong");
        }
    }

    private Optional<StoredMessage> record(int opcode, ByteBuffer content, String where, Predicate<TopicInfo> wanted)
            throws StorageFormatException {
        switch (opcode) {
            case McapOpcodes.SCHEMA -> channels.schema(content, where);
            case McapOpcodes.CHANNEL -> channels.channel(content, where);
            case McapOpcodes.MESSAGE -> {
                return channels.message(content, where, wanted);
            }
            default -> {
                // message indexes and the like inside a chunk: not needed
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
