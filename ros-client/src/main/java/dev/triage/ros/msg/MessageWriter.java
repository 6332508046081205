package dev.triage.ros.msg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian buffer that codecs append ROS primitives to. Not thread-safe; one per message.
 * {@link #framed(int)} reserves the 4-byte TCPROS length prefix so a message is framed without a second copy.
 */
public final class MessageWriter {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int start;
    private byte[] buf;
    private int pos;

    private MessageWriter(int capacity, int start) {
        this.buf = new byte[Math.max(16, capacity + start)];
        this.start = start;
        this.pos = start;
    }

    /** A writer for a bare message. */
    public static MessageWriter plain(int sizeHint) {
        return new MessageWriter(sizeHint, 0);
    }

    /** A writer that reserves a 4-byte length prefix, filled in by {@link #toBytes()}. */
    public static MessageWriter framed(int sizeHint) {
        return new MessageWriter(sizeHint, 4);
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("message too large to serialize: " + wanted + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    /** Writes int8 / uint8 / byte / char (the low 8 bits). */
    public MessageWriter int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    /** Writes a bool as one byte, 0 or 1. */
    public MessageWriter bool(boolean v) {
        return int8(v ? 1 : 0);
    }

    /** Writes int16 / uint16 (the low 16 bits). */
    public MessageWriter int16(int v) {
        ensure(2);
        I16.set(buf, pos, (short) v);
        pos += 2;
        return this;
    }

    /** Writes int32 / uint32. */
    public MessageWriter int32(int v) {
        ensure(4);
        I32.set(buf, pos, v);
        pos += 4;
        return this;
    }

    /** Writes int64 / uint64. */
    public MessageWriter int64(long v) {
        ensure(8);
        I64.set(buf, pos, v);
        pos += 8;
        return this;
    }

    /** Writes float32. */
    public MessageWriter float32(float v) {
        return int32(Float.floatToRawIntBits(v));
    }

    /** Writes float64. */
    public MessageWriter float64(double v) {
        return int64(Double.doubleToRawLongBits(v));
    }

    /** Writes a string: uint32 byte length, then UTF-8 bytes. */
    public MessageWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int32(b.length);
        return raw(b);
    }

    /** Writes a {@code time}: uint32 secs, uint32 nsecs. */
    public MessageWriter time(Time t) {
        return int32(t.secs()).int32(t.nsecs());
    }

    /** Writes a {@code duration}: int32 secs, int32 nsecs. */
    public MessageWriter duration(RosDuration d) {
        return int32(d.secs()).int32(d.nsecs());
    }

    /** Writes a variable-length uint8[] (length prefix, then the bytes). */
    public MessageWriter bytes(byte[] b) {
        int32(b.length);
        return raw(b);
    }

    /** Writes a variable-length float64[] (length prefix, then the values). */
    public MessageWriter float64Array(double[] v) {
        int32(v.length);
        return float64Fixed(v, v.length);
    }

    /** Writes a fixed-length float64[n] (no prefix); {@code v} must hold exactly {@code n} values. */
    public MessageWriter float64Fixed(double[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException("fixed array needs " + n + " values, got " + v.length);
        }
        ensure(8 * n);
        for (double d : v) {
            I64.set(buf, pos, Double.doubleToRawLongBits(d));
            pos += 8;
        }
        return this;
    }

    /** Writes the length prefix of a variable-length array of messages. */
    public MessageWriter arrayLength(int n) {
        return int32(n);
    }

    private MessageWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Bytes written so far, excluding any reserved prefix. */
    public int size() {
        return pos - start;
    }

    /** The result; for a framed writer the first four bytes hold the little-endian payload length. */
    public byte[] toBytes() {
        if (start == 4) {
            I32.set(buf, 0, pos - 4);
        }
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }
}
