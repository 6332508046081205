package dev.triage.perception.spi;

/** A model failed on one frame. The pipeline counts it, skips the frame and carries on. */
public class InferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}
