package dev.triage.ros.msg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads ROS primitives from a serialized message, little-endian. Every length is checked against the bytes that
 * remain before anything is allocated, so a hostile length costs an exception, never memory.
 */
public final class MessageReader {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int limit;
    private int pos;

    /** Reads {@code buf} from its first byte to its end. */
    public MessageReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** Reads {@code length} bytes of {@code buf} from {@code offset}. */
    public MessageReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    private void need(long n) {
        if (n < 0 || n > limit - pos) {
            throw new MessageFormatException("message truncated: need " + n + " bytes at offset " + pos
                    + ", " + (limit - pos) + " left");
        }
    }

    /** Checks that {@code n} bytes are left, moves past them and returns where they start. */
    private int take(int n) {
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return limit - pos;
    }

    /** Reads int8 (sign-extended). */
    public int int8() {
        need(1);
        return buf[pos++];
    }

    /** Reads uint8 / char as 0..255. */
    public int uint8() {
        return int8() & 0xff;
    }

    /** Reads a bool (any non-zero byte is true). */
    public boolean bool() {
        return int8() != 0;
    }

    /** Reads int16. */
    public int int16() {
        return (short) I16.get(buf, take(2));
    }

    /** Reads int32 / uint32 (raw bits). */
    public int int32() {
        return (int) I32.get(buf, take(4));
    }

    /** Reads int64 / uint64 (raw bits). */
    public long int64() {
        return (long) I64.get(buf, take(8));
    }

    /** Reads float32. */
    public float float32() {
        return Float.intBitsToFloat(int32());
    }

    /** Reads float64. */
    public double float64() {
        return Double.longBitsToDouble(int64());
    }

    /** Reads a length-prefixed UTF-8 string; invalid UTF-8 is refused. */
    public String string() {
        int n = length(1);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new MessageFormatException("string at offset " + pos + " is not UTF-8");
        }
    }

    /** Reads a {@code time}. */
    public Time time() {
        return new Time(int32(), int32());
    }

    /** Reads a {@code duration}. */
    public RosDuration duration() {
        return new RosDuration(int32(), int32());
    }

    /** Reads a variable-length uint8[]. */
    public byte[] bytes() {
        int n = length(1);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Reads a variable-length float64[]. */
    public double[] float64Array() {
        return float64Fixed(length(8));
    }

    /** Reads a fixed-length float64[n]. */
    public double[] float64Fixed(int n) {
        need(8L * n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.longBitsToDouble((long) I64.get(buf, pos));
            pos += 8;
        }
        return out;
    }

    /**
     * Reads the length prefix of a variable-length array and checks it against the bytes left.
     *
     * @param minElementBytes the smallest serialized size of one element (at least 1)
     */
    public int length(int minElementBytes) {
        int n = int32();
        if (n < 0 || (long) n * Math.max(1, minElementBytes) > remaining()) {
            throw new MessageFormatException("array length " + Integer.toUnsignedString(n) + " at offset " + (pos - 4)
                    + " exceeds the " + remaining() + " bytes left");
        }
        return n;
    }

    /** Fails unless every byte was consumed; codecs' callers use it to catch layout mismatches. */
    public void expectEnd() {
        if (pos != limit) {
            throw new MessageFormatException((limit - pos) + " trailing bytes after the message");
        }
    }
}
