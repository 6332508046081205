package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosmsg.FieldReader;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.MessageHeader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one CDR-serialized ROS 2 message (what rmw writes and rosbag2 records): a 4-byte
 * encapsulation header (plain CDR or XCDR2, big or little endian), then the fields, each aligned to its size counted
 * from the end of that header (at most 4 for XCDR2). Strings carry their NUL terminator in their length. Every
 * length is checked against what is left, so a corrupt message fails with a clear message.
 */
public final class CdrReader implements FieldReader {
    private final ByteBuffer buf;
    private final int maxAlign;

    /**
     * @throws MalformedMessageException when the message is shorter than the encapsulation header or uses an
     *                                   encapsulation other than plain CDR / XCDR2 (parameter lists, for instance)
     */
    public CdrReader(byte[] message) throws MalformedMessageException {
        if (message.length < 4) {
            throw new MalformedMessageException("a CDR message needs a 4-byte encapsulation header, it has "
                    + message.length + " bytes");
        }
        int kind = (message[0] & 0xFF) << 8 | message[1] & 0xFF;
        boolean little;
        switch (kind) {
            case 0x0000, 0x0006 -> little = false;
            case 0x0001, 0x0007 -> little = true;
            default -> throw new MalformedMessageException(String.format(
                    "encapsulation 0x%04x is not plain CDR or XCDR2 (as rmw writes ROS 2 messages)", kind));
        }
        maxAlign = kind >= 0x0006 ? 4 : 8;
        buf = ByteBuffer.wrap(message, 4, message.length - 4).slice()
                .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    /** A std_msgs/Header stamp (int32 sec, uint32 nanosec) in nanoseconds. */
    public long timeNanos(String what) throws MalformedMessageException {
        long sec = int32(what + ".sec");
        long nanosec = uint32(what + ".nanosec");
        return sec * 1_000_000_000L + nanosec;
    }

    @Override
    public MessageHeader header() throws MalformedMessageException {
        long stamp = timeNanos("header.stamp");
        return new MessageHeader(stamp, string("header.frame_id"));
    }

    /** A signed 32-bit integer. */
    public int int32(String what) throws MalformedMessageException {
        return aligned(4, 4, what).getInt();
    }

    @Override
    public int uint8(String what) throws MalformedMessageException {
        need(1, what);
        return buf.get() & 0xFF;
    }

    @Override
    public long uint32(String what) throws MalformedMessageException {
        return Integer.toUnsignedLong(int32(what));
    }

    @Override
    public float float32(String what) throws MalformedMessageException {
        return aligned(4, 4, what).getFloat();
    }

    @Override
    public double float64(String what) throws MalformedMessageException {
        return aligned(Math.min(8, maxAlign), 8, what).getDouble();
    }

    @Override
    public String string(String what) throws MalformedMessageException {
        byte[] b = bytes(what);
        int end = b.length > 0 && b[b.length - 1] == 0 ? b.length - 1 : b.length;
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] next(int n, String what) throws MalformedMessageException {
        need(n, what);
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /** Skips {@code n} float64 values (covariance matrices, poses the caller does not use). */
    public void skipFloat64(int n, String what) throws MalformedMessageException {
        for (int i = 0; i < n; i++) {
            float64(what);
        }
    }

    /** Skips to the next multiple of {@code alignment}, checks that {@code size} bytes follow, returns the buffer. */
    private ByteBuffer aligned(int alignment, int size, String what) throws MalformedMessageException {
        align(alignment, what);
        need(size, what);
        return buf;
    }

    private void align(int size, String what) throws MalformedMessageException {
        int pad = (size - buf.position() % size) % size;
        need(pad, what + " alignment");
        buf.position(buf.position() + pad);
    }

    private void need(int n, String what) throws MalformedMessageException {
        if (n > buf.remaining()) {
            throw new MalformedMessageException(what + " needs " + n + " bytes at offset " + (buf.position() + 4)
                    + ", the message has " + buf.remaining() + " left");
        }
    }
}
