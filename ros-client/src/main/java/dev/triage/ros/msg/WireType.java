package dev.triage.ros.msg;

/**
 * How one .msg type travels on the ROS 1 wire, and which Java value stands for it: a primitive, string, byte array or
 * nested record ({@link ValueWire}), a number array ({@link NumberArrayWire}), a list ({@link ListWire}), or a nested
 * message no record names ({@link TupleWire}).
 * Built once per field by {@link WireTypes}; stateless and shared.
 */
interface WireType {

    /** Appends {@code value} to {@code out}. */
    void write(Object value, MessageWriter out);

    /** Reads one value from {@code in}. */
    Object read(MessageReader in);

    /** The smallest serialized size, used to check announced array lengths before anything is allocated. */
    int minBytes();

    /** Whether every value has the size {@link #minBytes()} (no strings or variable arrays inside). */
    boolean fixedSize();

    /** The value written for a field the Java record leaves out: zero, empty or all-zero. */
    Object zero();

    /** A guess of the serialized size of {@code value}, at least its real size for byte arrays. */
    default int sizeHint(Object value) {
        return minBytes();
    }
}
