package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an MCAP file's summary section (found through the Footer at the end of the file) says: its schemas and
 * channels, and which channels each chunk holds (from the chunk indexes, where the writer recorded message
 * indexes). A file without a summary (written unindexed, or cut off before the recorder closed it), or one whose
 * footer or summary does not parse, has none: the reader then learns the channels while it scans, and reads every
 * chunk.
 */
final class McapSummary {
    private static final int CHUNK_INDEX = 0x08;
    private final McapChannels channels;
    private final List<McapChunkIndex> chunks;
    private final Map<Long, McapChunkIndex> chunksByOffset = new HashMap<>();

    private McapSummary(McapChannels channels, List<McapChunkIndex> chunks) {
        this.channels = channels;
        this.chunks = List.copyOf(chunks);
        chunks.forEach(c -> chunksByOffset.put(c.chunkStart(), c));
    }

    /** The schemas and channels the summary lists. */
    McapChannels channels() {
        return channels;
    }

    /**
     * The ids of the channels with messages in the chunk that starts at {@code chunkOffset}; empty when the summary
     * does not say (no chunk index for it, or one without message indexes).
     */
    Optional<Set<Integer>> channelsOfChunk(long chunkOffset) {
        return Optional.ofNullable(chunksByOffset.get(chunkOffset)).filter(McapChunkIndex::indexed)
                .map(c -> c.messageIndexOffsets().keySet());
    }

    /** The chunk indexes, in summary order (empty when the writer wrote none). */
    List<McapChunkIndex> chunks() {
        return chunks;
    }

    /** The summary, or empty when the file has no usable one. */
    static Optional<McapSummary> read(FileChannel file, long size, int maxBytes) throws IOException {
        int tail = McapOpcodes.RECORD_PREFIX + McapOpcodes.FOOTER_CONTENT + McapOpcodes.MAGIC.length;
        if (size < McapOpcodes.MAGIC.length + tail) {
            return Optional.empty();
        }
        long footerAt = size - tail;
        ByteBuffer footer = McapFile.read(file, footerAt, tail);
        byte[] magic = new byte[McapOpcodes.MAGIC.length];
        footer.get(tail - magic.length, magic);
        if (footer.get(0) != McapOpcodes.FOOTER || footer.getLong(1) != McapOpcodes.FOOTER_CONTENT
                || !Arrays.equals(magic, McapOpcodes.MAGIC)) {
            return Optional.empty();
        }
        long summaryStart = footer.getLong(McapOpcodes.RECORD_PREFIX);
        if (summaryStart < McapOpcodes.MAGIC.length || summaryStart >= footerAt
                || footerAt - summaryStart > maxBytes) {
            return Optional.empty();
        }
        ByteBuffer summary = McapFile.read(file, summaryStart, (int) (footerAt - summaryStart));
        McapChannels channels = new McapChannels();
        List<McapChunkIndex> chunks = new ArrayList<>();
        try {
            while (summary.remaining() >= McapOpcodes.RECORD_PREFIX) {
                long at = summaryStart + summary.position();
                int opcode = summary.get() & 0xFF;
                long len = summary.getLong();
                if (len < 0 || len > summary.remaining()) {
                    return Optional.empty();
                }
                ByteBuffer content = summary.slice(summary.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
                summary.position(summary.position() + (int) len);
                if (opcode == McapOpcodes.SCHEMA) {
                    channels.schema(content, "byte " + at);
                } else if (opcode == McapOpcodes.CHANNEL) {
                    channels.channel(content, "byte " + at);
                } else if (opcode == CHUNK_INDEX) {
                    chunks.add(chunkIndex(new McapFields(content, "ChunkIndex record")));
                }
            }
        } catch (StorageFormatException | McapFields.McapFieldException e) {
            return Optional.empty();
        }
        return summary.hasRemaining() ? Optional.empty() : Optional.of(new McapSummary(channels, chunks));
    }

    private static McapChunkIndex chunkIndex(McapFields f) throws McapFields.McapFieldException {
        long start = f.uint64();
        long end = f.uint64();
        long chunkStart = f.uint64();
        long chunkLength = f.uint64();
        Map<Integer, Long> messageIndexes = f.channelOffsetMap();
        f.uint64(); // message index length
        f.string(); // compression
        f.uint64(); // compressed size
        long uncompressed = f.uint64();
        return new McapChunkIndex(start, end, chunkStart, chunkLength, messageIndexes, uncompressed);
    }
}
