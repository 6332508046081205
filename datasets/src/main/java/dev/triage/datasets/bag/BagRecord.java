package dev.triage.datasets.bag;

/**
 * The start of one bag record: its header, read in full, and the length of the data that follows (not yet read).
 *
 * @param position   position of the record in its stream (the file, or the decompressed chunk)
 * @param header     the record header fields
 * @param dataLength bytes of data after the header
 */
public record BagRecord(long position, RecordHeader header, int dataLength) {

    /** The record kind, or null for an unknown op. */
    public RecordOp op() {
        return RecordOp.of(header.op());
    }
}
