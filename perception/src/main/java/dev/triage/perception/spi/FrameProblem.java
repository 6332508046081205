package dev.triage.perception.spi;

/**
 * A frame that was dropped or failed; every such frame is reported exactly once.
 *
 * @param seq        the frame's sequence number
 * @param stampNanos the frame's capture stamp
 * @param frameId    the frame's coordinate frame or file name
 * @param kind       what happened
 * @param message    one line naming the input and the cause
 */
public record FrameProblem(long seq, long stampNanos, String frameId, Kind kind, String message) {

    /** Why a frame produced no result. */
    public enum Kind {
        /** A newer frame replaced it in the mailbox before the worker took it. */
        DROPPED_REPLACED,
        /** The worker took it too late to finish before its deadline. */
        DROPPED_STALE,
        /** The image could not be decoded (corrupt bytes, unsupported encoding, wrong size). */
        DECODE_FAILED,
        /** A model failed on it. */
        INFERENCE_FAILED
    }
}
