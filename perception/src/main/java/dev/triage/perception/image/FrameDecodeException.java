package dev.triage.perception.image;

/** An image could not be turned into pixels: corrupt bytes, unsupported encoding, or a size that does not add up. */
public class FrameDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public FrameDecodeException(String message) {
        super(message);
    }
}
