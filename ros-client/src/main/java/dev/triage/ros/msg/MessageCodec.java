package dev.triage.ros.msg;

/**
 * Serializes one message type in the ROS 1 wire format (little-endian, uint32 length before strings and
 * variable arrays). Implementations are stateless and shared. Message records use the one {@link RecordCodec}, which
 * follows the type's .msg definition; write another implementation only for a type no record can hold.
 *
 * <pre>{@code
 * MessageCodec<Float32> codec = RecordCodec.of(Float32.class, "std_msgs/Float32");
 * MessageWriter out = MessageWriter.plain(codec.sizeHint(m));
 * codec.write(m, out);
 * }</pre>
 *
 * @param <T> the message record
 */
public interface MessageCodec<T> {

    /** Appends {@code message} to {@code out}. */
    void write(T message, MessageWriter out);

    /**
     * Reads one message from {@code in}.
     *
     * @throws MessageFormatException when the bytes do not hold a valid message
     */
    T read(MessageReader in);

    /** A guess of the serialized size, so large messages are written without regrowing the buffer. */
    default int sizeHint(T message) {
        return 256;
    }
}
