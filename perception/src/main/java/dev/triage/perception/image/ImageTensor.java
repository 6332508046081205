package dev.triage.perception.image;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A frame resized for one model: float32 RGB, channel-major (CHW), values in [0, 1], in a native-order direct
 * buffer that an inference engine can wrap without copying. Models normalise further themselves. The buffer is
 * owned by the worker's preprocessor and overwritten by the next frame, so use it only during the call that
 * received it.
 *
 * @param size  the model input size
 * @param bytes read-only, native-order, direct view of 3 * height * width floats, position 0
 */
public record ImageTensor(InputSize size, ByteBuffer bytes) {

    /** Tensor shape as {@code {1, 3, height, width}}. */
    public long[] shape() {
        return new long[] {1, 3, size.height(), size.width()};
    }

    /** The same memory as floats. */
    public FloatBuffer floats() {
        return bytes.duplicate().order(bytes.order()).asFloatBuffer();
    }
}
