package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.FieldReader;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.MessageHeader;

import java.nio.charset.StandardCharsets;

/**
 * Reads ROS1-serialized fields (little-endian, packed) from a message's bytes, checking every length against what
 * is left, so that a corrupt message fails with a clear message instead of an allocation or an index error.
 */
final class MessageCursor implements FieldReader {
    private final byte[] data;
    private int position;

    MessageCursor(byte[] data) {
        this.data = data;
    }

    int position() {
        return position;
    }

    @Override
    public int uint8(String what) throws MalformedMessageException {
        need(1, what);
        return data[position++] & 0xFF;
    }

    @Override
    public long uint32(String what) throws MalformedMessageException {
        need(4, what);
        long v = (data[position] & 0xFFL) | (data[position + 1] & 0xFFL) << 8 | (data[position + 2] & 0xFFL) << 16
                | (data[position + 3] & 0xFFL) << 24;
        position += 4;
        return v;
    }

    private long uint64(String what) throws MalformedMessageException {
        long low = uint32(what);
        return low | uint32(what) << 32;
    }

    @Override
    public float float32(String what) throws MalformedMessageException {
        return Float.intBitsToFloat((int) uint32(what));
    }

    @Override
    public double float64(String what) throws MalformedMessageException {
        return Double.longBitsToDouble(uint64(what));
    }

    @Override
    public MessageHeader header() throws MalformedMessageException {
        uint32("header.seq");
        long stamp = timeNanos();
        return new MessageHeader(stamp, string("header.frame_id"));
    }

    /** A ROS time (uint32 sec, uint32 nsec) in nanoseconds. */
    long timeNanos() throws MalformedMessageException {
        long sec = uint32("header.stamp.sec");
        long nsec = uint32("header.stamp.nsec");
        return sec * 1_000_000_000L + nsec;
    }

    @Override
    public String string(String what) throws MalformedMessageException {
        return new String(bytes(what), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] next(int n, String what) throws MalformedMessageException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(data, position, out, 0, n);
        position += n;
        return out;
    }

    private void need(int n, String what) throws MalformedMessageException {
        if (n > data.length - position) {
            throw new MalformedMessageException(what + " needs " + n + " bytes at offset " + position + ", the message has "
                    + (data.length - position) + " left");
        }
    }
}
