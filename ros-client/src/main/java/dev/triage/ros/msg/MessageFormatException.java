package dev.triage.ros.msg;

/**
 * A serialized message that does not match its type: truncated, an array length beyond the bytes present,
 * invalid UTF-8. Thrown by {@link MessageReader} and codecs; the transport counts it and drops the message.
 */
public final class MessageFormatException extends RuntimeException {

    /** @param message what was wrong, with the offset where it helps */
    public MessageFormatException(String message) {
        super(message);
    }
}
