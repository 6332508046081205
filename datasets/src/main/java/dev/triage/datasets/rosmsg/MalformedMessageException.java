package dev.triage.datasets.rosmsg;

/** A message's bytes do not parse as its declared type (lengths overrun the message, or the type is wrong). */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
