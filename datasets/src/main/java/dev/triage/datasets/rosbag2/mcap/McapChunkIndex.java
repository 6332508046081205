package dev.triage.datasets.rosbag2.mcap;

import java.util.Map;

/**
 * One ChunkIndex record of an MCAP summary: where a chunk lies, the log-time range of its messages and where its
 * MessageIndex records are.
 *
 * @param messageStartTime    the earliest log time in the chunk
 * @param messageEndTime      the latest log time in the chunk
 * @param chunkStart          file offset of the Chunk record (its opcode)
 * @param chunkLength         length of the Chunk record, opcode and length prefix included
 * @param messageIndexOffsets file offset of the MessageIndex record of each channel with messages in the chunk
 *                            (empty when the writer wrote no message indexes)
 * @param uncompressedSize    size of the chunk's records once decompressed
 */
record McapChunkIndex(long messageStartTime, long messageEndTime, long chunkStart, long chunkLength,
                      Map<Integer, Long> messageIndexOffsets, long uncompressedSize) {
    McapChunkIndex {
        messageIndexOffsets = Map.copyOf(messageIndexOffsets);
    }

    /** Whether the writer recorded which channels the chunk holds (and where their message indexes are). */
    boolean indexed() {
        return !messageIndexOffsets.isEmpty();
    }
}
