package dev.triage.datasets.bag;

/** The record kinds of the ROS bag v2.0 format (the {@code op} header field). */
public enum RecordOp {
    /** A serialized message of one connection ({@code conn}, {@code time}). */
    MESSAGE_DATA(0x02),
    /** The bag header: index position, connection and chunk counts; padded to 4096 bytes. */
    BAG_HEADER(0x03),
    /** Per-chunk index of message offsets for one connection. */
    INDEX_DATA(0x04),
    /** A block of connection and message records, possibly compressed ({@code compression}, {@code size}). */
    CHUNK(0x05),
    /** Where a chunk lies, its time range and message counts per connection. */
    CHUNK_INFO(0x06),
    /** A topic with its message type, md5sum and definition ({@code conn}, {@code topic}). */
    CONNECTION(0x07);

    private final int code;

    RecordOp(int code) {
        this.code = code;
    }

    /** The op byte in the record header. */
    public int code() {
        return code;
    }

    /** The op for {@code code}, or null for an unknown code. */
    static RecordOp of(int code) {
        for (RecordOp op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
