package dev.triage.ros.tcpros;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A TCPROS connection header: a little-endian int32 total length, then fields, each an int32 length and
 * {@code key=value} bytes. Keys used here: callerid, topic, type, md5sum, message_definition, tcp_nodelay, latching,
 * error.
 *
 * @param fields the fields in order
 */
public record ConnectionHeader(Map<String, String> fields) {

    /** Largest header accepted (message definitions of nested types run to tens of kilobytes). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    public ConnectionHeader {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A header holding only {@code error=message}, the way a peer refuses a connection. */
    public static ConnectionHeader error(String message) {
        return new ConnectionHeader(Map.of("error", message));
    }

    /** The value of {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The value of {@code key}, or {@code fallback}. */
    public String getOr(String key, String fallback) {
        return fields.getOrDefault(key, fallback);
    }

    /** Serializes with the 4-byte length prefix. */
    public byte[] encode() {
        byte[][] entries = new byte[fields.size()][];
        int total = 0;
        int i = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            entries[i] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            total += 4 + entries[i].length;
            i++;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(total);
        for (byte[] e : entries) {
            b.putInt(e.length).put(e);
        }
        return b.array();
    }

    /**
     * Reads one header from {@code in}.
     *
     * @throws MalformedHeaderException when the header exceeds {@link #MAX_HEADER_BYTES} or a field is malformed
     * @throws IOException              when the stream ends early
     */
    public static ConnectionHeader read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int total = Integer.reverseBytes(readInt(data));
        if (total < 0 || total > MAX_HEADER_BYTES) {
            throw new MalformedHeaderException("connection header of " + Integer.toUnsignedString(total) + " bytes refused (limit "
                    + MAX_HEADER_BYTES + ")");
        }
        byte[] raw = data.readNBytes(total);
        if (raw.length != total) {
            throw new EOFException("connection header truncated");
        }
        return decode(raw);
    }

    /** Decodes the header body (without the total-length prefix). */
    public static ConnectionHeader decode(byte[] raw) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> fields = new LinkedHashMap<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new MalformedHeaderException("connection header: dangling bytes");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new MalformedHeaderException("connection header: field length " + len + " exceeds the header");
            }
            String field = new String(raw, b.position(), len, StandardCharsets.UTF_8);
            b.position(b.position() + len);
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new MalformedHeaderException("connection header: field without '=': "
                        + (field.length() > 80 ? field.substring(0, 80) + "..." : field));
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new ConnectionHeader(fields);
    }

    private static int readInt(DataInputStream in) throws IOException {
        return in.readInt();
    }
}
