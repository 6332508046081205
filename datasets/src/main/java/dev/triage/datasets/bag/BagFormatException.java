package dev.triage.datasets.bag;

import java.io.IOException;

/**
 * A bag is truncated or corrupt at a known byte offset. Everything read before the offset stays valid.
 * The message is the detail only; {@link #offset()} is the file offset where reading broke (for a compressed
 * chunk: the offset of the chunk record, since compressed data has no record boundaries).
 */
public final class BagFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public BagFormatException(long offset, String detail) {
        super(detail);
        this.offset = offset;
    }

    public BagFormatException(long offset, String detail, Throwable cause) {
        super(detail, cause);
        this.offset = offset;
    }

    /** File offset (bytes from the start of the bag) where reading broke. */
    public long offset() {
        return offset;
    }
}
