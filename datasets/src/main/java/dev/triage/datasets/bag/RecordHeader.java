package dev.triage.datasets.bag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a bag record header or of a connection header: a sequence of
 * {@code <int32 length><name>=<value>} entries, little-endian, values as raw bytes.
 */
public final class RecordHeader {
    private final Map<String, byte[]> fields;

    private RecordHeader(Map<String, byte[]> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /**
     * Parses header bytes.
     *
     * @param offset file offset of the bytes, for error messages
     * @throws BagFormatException when a field overruns the header or has no '='
     */
    public static RecordHeader parse(byte[] bytes, long offset) throws BagFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, byte[]> fields = new LinkedHashMap<>();
        while (buf.hasRemaining()) {
            int at = buf.position();
            if (buf.remaining() < 4) {
                throw new BagFormatException(offset + at, "record header field length cut short");
            }
            int len = buf.getInt();
            if (len < 0 || len > buf.remaining()) {
                throw new BagFormatException(offset + at, "record header field of " + Integer.toUnsignedString(len)
                        + " bytes overruns the header (" + buf.remaining() + " bytes left)");
            }
            int eq = -1;
            for (int i = 0; i < len; i++) {
                if (bytes[buf.position() + i] == '=') {
                    eq = i;
                    break;
                }
            }
            if (eq < 0) {
                throw new BagFormatException(offset + at, "record header field without '='");
            }
            String name = new String(bytes, buf.position(), eq, StandardCharsets.US_ASCII);
            byte[] value = new byte[len - eq - 1];
            System.arraycopy(bytes, buf.position() + eq + 1, value, 0, value.length);
            fields.put(name, value);
            buf.position(buf.position() + len);
        }
        return new RecordHeader(fields);
    }

    /** The raw value of {@code name}, if present. */
    public Optional<byte[]> bytes(String name) {
        return Optional.ofNullable(fields.get(name)).map(byte[]::clone);
    }

    /** True if the field is present. */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The record op, or -1 when the header has none or it is not one byte. */
    public int op() {
        byte[] v = fields.get("op");
        return v == null || v.length != 1 ? -1 : v[0] & 0xFF;
    }

    /**
     * A string field (UTF-8).
     *
     * @throws BagFormatException when missing
     */
    public String string(String name, long offset) throws BagFormatException {
        return new String(require(name, -1, offset), StandardCharsets.UTF_8);
    }

    /** A string field (UTF-8), or {@code fallback} when missing. */
    public String stringOr(String name, String fallback) {
        byte[] v = fields.get(name);
        return v == null ? fallback : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * A little-endian int32 field.
     *
     * @throws BagFormatException when missing or not 4 bytes
     */
    public int int32(String name, long offset) throws BagFormatException {
        return ByteBuffer.wrap(require(name, 4, offset)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * A little-endian int64 field.
     *
     * @throws BagFormatException when missing or not 8 bytes
     */
    public long int64(String name, long offset) throws BagFormatException {
        return ByteBuffer.wrap(require(name, 8, offset)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * A ROS time field (uint32 seconds, uint32 nanoseconds) in nanoseconds.
     *
     * @throws BagFormatException when missing or not 8 bytes
     */
    public long timeNanos(String name, long offset) throws BagFormatException {
        ByteBuffer b = ByteBuffer.wrap(require(name, 8, offset)).order(ByteOrder.LITTLE_ENDIAN);
        long sec = Integer.toUnsignedLong(b.getInt());
        long nsec = Integer.toUnsignedLong(b.getInt());
        return sec * 1_000_000_000L + nsec;
    }

    private byte[] require(String name, int length, long offset) throws BagFormatException {
        byte[] v = fields.get(name);
        if (v == null) {
            throw new BagFormatException(offset, "record header has no '" + name + "' field");
        }
        if (length >= 0 && v.length != length) {
            throw new BagFormatException(offset, "record header field '" + name + "' has " + v.length
                    + " bytes, expected " + length);
        }
        return v;
    }
}
