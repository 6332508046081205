package dev.triage.perception.spi;

import dev.triage.perception.image.ImageTensor;

/**
 * A model wrapper that can time its raw forward pass alone (no input copy, no decoding), so a benchmark can show
 * the framework's overhead next to the network's own cost.
 */
public interface ForwardTimed {

    /** Runs one forward pass on {@code input} and returns its duration in nanoseconds. */
    long forwardOnlyNanos(ImageTensor input) throws InferenceException;
}
