package dev.triage.datasets.bag;

import java.nio.charset.StandardCharsets;

/**
 * Reads ROS1-serialized fields (little-endian) from a message's bytes, checking every length against what is
 * left, so that a corrupt message fails with a clear message instead of an allocation or an index error.
 */
final class MessageCursor {
    private final byte[] data;
    private int position;

    MessageCursor(byte[] data) {
        this.data = data;
    }

    int position() {
        return position;
    }

    int uint8() throws MalformedMessageException {
        need(1, "uint8");
        return data[position++] & 0xFF;
    }

    long uint32() throws MalformedMessageException {
        need(4, "uint32");
        long v = (data[position] & 0xFFL) | (data[position + 1] & 0xFFL) << 8 | (data[position + 2] & 0xFFL) << 16
                | (data[position + 3] & 0xFFL) << 24;
        position += 4;
        return v;
    }

    /** A uint32 that must fit an int (sizes, lengths). */
    int size(String what) throws MalformedMessageException {
        long v = uint32();
        if (v > Integer.MAX_VALUE) {
            throw new MalformedMessageException(what + " " + v + " is out of range");
        }
        return (int) v;
    }

    /** A ROS time (uint32 sec, uint32 nsec) in nanoseconds. */
    long timeNanos() throws MalformedMessageException {
        long sec = uint32();
        long nsec = uint32();
        return sec * 1_000_000_000L + nsec;
    }

    String string(String what) throws MalformedMessageException {
        int len = size(what + " length");
        need(len, what);
        String s = new String(data, position, len, StandardCharsets.UTF_8);
        position += len;
        return s;
    }

    /** A uint8[] field: its bytes copied out. */
    byte[] bytes(String what) throws MalformedMessageException {
        int len = size(what + " length");
        need(len, what);
        byte[] out = new byte[len];
        System.arraycopy(data, position, out, 0, len);
        position += len;
        return out;
    }

    private void need(int n, String what) throws MalformedMessageException {
        if (n > data.length - position) {
            throw new MalformedMessageException(what + " needs " + n + " bytes at offset " + position + ", the message has "
                    + (data.length - position) + " left");
        }
    }
}
