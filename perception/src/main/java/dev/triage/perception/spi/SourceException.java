package dev.triage.perception.spi;

/** A frame source cannot go on (file unreadable, truncated, disconnected). The message names the input. */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceException(String message) {
        super(message);
    }
}
