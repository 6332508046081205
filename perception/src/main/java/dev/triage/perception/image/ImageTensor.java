package dev.triage.perception.image;

import java.nio.FloatBuffer;

/**
 * A frame resized for one model: RGB, channel-major (CHW), values in [0, 1], native byte order.
 * Models normalise further themselves. The buffer is owned by the worker's preprocessor and reused for the
 * next frame, so read it only during the call that received it.
 *
 * @param size   the model input size
 * @param data   read-only view of 3 * height * width floats, position 0
 */
public record ImageTensor(InputSize size, FloatBuffer data) {

    /** Tensor shape as {@code {1, 3, height, width}}. */
    public long[] shape() {
        return new long[] {1, 3, size.height(), size.width()};
    }
}
