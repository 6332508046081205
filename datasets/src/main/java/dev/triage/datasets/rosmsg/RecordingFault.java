package dev.triage.datasets.rosmsg;

/**
 * A recording broke off while a {@link TopicStream} read it: truncated, corrupt or unreadable. The message names
 * the file and where ({@code drive.bag: truncated or corrupt at byte 123: ...}); the reader adds how much it had
 * read before.
 */
public final class RecordingFault extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordingFault(String message, Throwable cause) {
        super(message, cause);
    }
}
