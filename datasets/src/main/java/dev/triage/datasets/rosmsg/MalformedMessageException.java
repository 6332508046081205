package dev.triage.datasets.rosmsg;

/**
 * A message's bytes do not parse as its declared type (lengths overrun the message), or the type itself is not the
 * reader's ({@link #wrongDefinition}: another type or md5sum, so every message of the topic fails the same way).
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean wholeTopic;

    public MalformedMessageException(String message) {
        this(message, false);
    }

    private MalformedMessageException(String message, boolean wholeTopic) {
        super(message);
        this.wholeTopic = wholeTopic;
    }

    /** The topic's type or definition is not the one this reader knows: no message of it will decode. */
    public static MalformedMessageException wrongDefinition(String message) {
        return new MalformedMessageException(message, true);
    }

    /** Whether the fault is the topic's (its type or definition), not this message's bytes. */
    public boolean wholeTopic() {
        return wholeTopic;
    }
}
