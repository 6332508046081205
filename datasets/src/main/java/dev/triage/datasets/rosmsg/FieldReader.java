package dev.triage.datasets.rosmsg;

/**
 * Reads the primitive fields of one serialized ROS message in declaration order, checking every length against
 * what is left. Implemented once per wire format (ROS 1 serialization, ROS 2 CDR), so that the message layouts that
 * both ROS versions share ({@link ImageMessageBodies}) are read by one piece of code.
 */
public interface FieldReader {

    /** An unsigned byte. */
    int uint8(String what) throws MalformedMessageException;

    /** An unsigned 32-bit integer. */
    long uint32(String what) throws MalformedMessageException;

    /** A uint32 size or count that must fit an int. */
    default int size(String what) throws MalformedMessageException {
        long v = uint32(what);
        if (v > Integer.MAX_VALUE) {
            throw new MalformedMessageException(what + " " + v + " is out of range");
        }
        return (int) v;
    }

    /** A float32. */
    float float32(String what) throws MalformedMessageException;

    /** A float64. */
    double float64(String what) throws MalformedMessageException;

    /** A string (UTF-8), without any terminator the wire format adds. */
    String string(String what) throws MalformedMessageException;

    /**
     * The next {@code n} bytes, copied out: the body of a length-prefixed field, whose length both wire formats
     * write as a uint32 just before it.
     *
     * @throws MalformedMessageException naming {@code what} when fewer than {@code n} bytes are left
     */
    byte[] next(int n, String what) throws MalformedMessageException;

    /** A uint8[] field: its uint32 length, then its bytes copied out. */
    default byte[] bytes(String what) throws MalformedMessageException {
        return next(size(what + " length"), what);
    }

    /** A std_msgs/Header as this wire format lays it out (ROS 1 with its {@code seq} first). */
    MessageHeader header() throws MalformedMessageException;
}
