package dev.triage.ros.msg;

/**
 * Serializes one message type in the ROS 1 wire format (little-endian, uint32 length before strings and
 * variable arrays). Implementations are stateless and shared.
 *
 * <pre>{@code
 * enum Float32Codec implements MessageCodec<Float32> {
 *     INSTANCE;
 *     public void write(Float32 m, MessageWriter out) { out.float32(m.data()); }
 *     public Float32 read(MessageReader in) { return new Float32(in.float32()); }
 * }
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
