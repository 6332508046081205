package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the little-endian fields of one MCAP record's content (a buffer limited to the record), checking every
 * length prefix against what is left.
 */
final class McapFields {
    private final ByteBuffer content;
    private final String record;

    /** @param record the record's name, for errors ({@code Channel}) */
    McapFields(ByteBuffer content, String record) {
        this.content = content;
        this.record = record;
    }

    /** Reads the fields of one record's content. */
    @FunctionalInterface
    interface RecordParser<T> {
        /** Reads what it needs of {@code fields}; a fault of its own is a {@link StorageFormatException}. */
        T parse(McapFields fields) throws McapFieldException, StorageFormatException;
    }

    /**
     * Runs {@code parser} on the fields of {@code content}; a field that does not parse becomes a
     * {@link StorageFormatException} at {@code where}.
     *
     * @param record the record's name, for errors ({@code Channel record})
     */
    static <T> T parse(ByteBuffer content, String record, String where, RecordParser<T> parser)
            throws StorageFormatException {
        try {
            return parser.parse(new McapFields(content, record));
        } catch (McapFieldException e) {
            throw new StorageFormatException(where, e.getMessage());
        }
    }

    /** Reads the fields of one record's content for their effect. */
    @FunctionalInterface
    interface RecordReader {
        /** Reads what it needs of {@code fields}; a fault of its own is a {@link StorageFormatException}. */
        void read(McapFields fields) throws McapFieldException, StorageFormatException;
    }

    /** {@link #parse} for a reader that keeps what it reads itself. */
    static void read(ByteBuffer content, String record, String where, RecordReader reader)
            throws StorageFormatException {
        parse(content, record, where, fields -> {
            reader.read(fields);
            return null;
        });
    }

    int uint16() throws McapFieldException {
        need(2, "uint16");
        return content.getShort() & 0xFFFF;
    }

    long uint32() throws McapFieldException {
        need(4, "uint32");
        return Integer.toUnsignedLong(content.getInt());
    }

    /** A uint64 that must not have its top bit set (times, sizes, offsets). */
    long uint64() throws McapFieldException {
        need(8, "uint64");
        long v = content.getLong();
        if (v < 0) {
            throw new McapFieldException(record + ": uint64 " + Long.toUnsignedString(v) + " is out of range");
        }
        return v;
    }

    String string() throws McapFieldException {
        int len = length(uint32(), "string");
        byte[] bytes = new byte[len];
        content.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A uint32-prefixed byte array. */
    byte[] bytes() throws McapFieldException {
        byte[] out = new byte[length(uint32(), "bytes")];
        content.get(out);
        return out;
    }

    /** Skips a uint32-prefixed byte array or map. */
    void skipPrefixed() throws McapFieldException {
        int len = length(uint32(), "map");
        content.position(content.position() + len);
    }

    /** A uint32-length-prefixed map from uint16 channel id to uint64 offset, in record order. */
    Map<Integer, Long> channelOffsetMap() throws McapFieldException {
        int len = length(uint32(), "map");
        if (len % 10 != 0) {
            throw new McapFieldException(record + ": a channel offset map of " + len + " bytes");
        }
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < len / 10; i++) {
            out.put(content.getShort() & 0xFFFF, content.getLong());
        }
        return out;
    }

    /** A uint64-prefixed byte array as a view on the content. */
    ByteBuffer slice64() throws McapFieldException {
        int len = length(uint64(), "records");
        ByteBuffer out = content.slice(content.position(), len).order(content.order());
        content.position(content.position() + len);
        return out;
    }

    /** Whatever is left of the record, copied out. */
    byte[] rest() {
        byte[] out = new byte[content.remaining()];
        try {
            content.get(out);
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private int length(long len, String what) throws McapFieldException {
        if (len > content.remaining()) {
            throw new McapFieldException(record + ": " + what + " of " + len + " bytes overruns the record ("
                    + content.remaining() + " left)");
        }
        return (int) len;
    }

    private void need(int n, String what) throws McapFieldException {
        if (n > content.remaining()) {
            throw new McapFieldException(record + ": " + what + " overruns the record (" + content.remaining()
                    + " bytes left)");
        }
    }

    /** A record's content does not parse; the caller adds where the record is. */
    static final class McapFieldException extends Exception {
        private static final long serialVersionUID = 1L;

        McapFieldException(String message) {
            super(message);
        }
    }
}
