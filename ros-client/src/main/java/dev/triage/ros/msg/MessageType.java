package dev.triage.ros.msg;

import java.util.Objects;

/**
 * A ROS message type bound to its Java codec: the name, md5sum and full definition that go into TCPROS headers,
 * and (de)serialization of the record.
 *
 * <pre>{@code
 * MessageType<Float32> t = MessageType.of("std_msgs/Float32", Float32.class);
 * byte[] wire = t.serialize(new Float32(1.5f));
 * }</pre>
 *
 * @param <T> the message record
 */
public final class MessageType<T> {

    private final String name;
    private final String md5;
    private final String definition;
    private final MessageCodec<T> codec;

    private MessageType(String name, String md5, String definition, MessageCodec<T> codec) {
        this.name = name;
        this.md5 = md5;
        this.definition = definition;
        this.codec = codec;
    }

    /**
     * Binds {@code codec} to the definition of {@code name} in {@link MsgCatalog#classpath()}.
     *
     * @throws IllegalArgumentException when the definition is missing or invalid
     */
    public static <T> MessageType<T> of(String name, MessageCodec<T> codec) {
        MsgCatalog catalog = MsgCatalog.classpath();
        return new MessageType<>(name, catalog.md5(name), catalog.fullDefinition(name), Objects.requireNonNull(codec));
    }

    /**
     * Binds the record {@code type} to the definition of {@code name}, through the one {@link RecordCodec}.
     *
     * @throws IllegalArgumentException when the definition is missing or its fields and the record's components differ
     */
    public static <T extends Record> MessageType<T> of(String name, Class<T> type) {
        return of(name, RecordCodec.of(type, name));
    }

    /** {@code package/Name}. */
    public String name() {
        return name;
    }

    /** The genmsg md5sum. */
    public String md5() {
        return md5;
    }

    /** The full message definition (with nested types). */
    public String definition() {
        return definition;
    }

    /** The codec. */
    public MessageCodec<T> codec() {
        return codec;
    }

    /** Serializes without a length prefix. */
    public byte[] serialize(T message) {
        MessageWriter w = MessageWriter.plain(codec.sizeHint(message));
        codec.write(message, w);
        return w.toBytes();
    }

    /** Serializes with the 4-byte TCPROS length prefix. */
    public byte[] serializeFramed(T message) {
        MessageWriter w = MessageWriter.framed(codec.sizeHint(message));
        codec.write(message, w);
        return w.toBytes();
    }

    /**
     * Deserializes exactly one message from {@code length} bytes of {@code data} at {@code offset}.
     *
     * @throws MessageFormatException when the bytes are not one valid message (a field a record refuses included)
     */
    public T deserialize(byte[] data, int offset, int length) {
        MessageReader r = new MessageReader(data, offset, length);
        T msg;
        try {
            msg = codec.read(r);
        } catch (IllegalArgumentException e) {
            // a record's own validation (e.g. one point_confidence per point): the bytes are not a valid message
            throw new MessageFormatException(name + ": " + e.getMessage());
        }
        r.expectEnd();
        return msg;
    }

    /** Deserializes a whole array. */
    public T deserialize(byte[] data) {
        return deserialize(data, 0, data.length);
    }

    @Override
    public String toString() {
        return name + "[" + md5 + "]";
    }
}
