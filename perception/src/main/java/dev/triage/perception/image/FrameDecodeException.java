package dev.triage.perception.image;

import java.util.Locale;

/** An image could not be turned into pixels: corrupt bytes, unsupported encoding, or a size that does not add up. */
public class FrameDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the image was refused; every reason is a {@code decode_failed} frame, some are also counted by name. */
    public enum Reason {
        /** Bytes that do not decode (bad signature, broken header, truncated raw data). */
        CORRUPT,
        /** An encoding or container this decoder does not handle. */
        UNSUPPORTED,
        /** The declared size exceeds the pixel limit; refused from the header, before any pixel is decoded. */
        TOO_LARGE,
        /** A JPEG whose entropy-coded data are damaged (libjpeg would decode it with a corruption warning). */
        DAMAGED,
        /** The source could not read the frame's bytes at all ({@link dev.triage.perception.core.Image.Unreadable}). */
        UNREADABLE;

        /** The name used in counters and diagnostics ({@code too_large}). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public FrameDecodeException(String message) {
        this(Reason.CORRUPT, message);
    }

    public FrameDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the image was refused. */
    public Reason reason() {
        return reason;
    }
}
