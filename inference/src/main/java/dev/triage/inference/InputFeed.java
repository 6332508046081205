package dev.triage.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns an {@link ImageTensor} into a {@code [1,3,H,W]} NDArray. A native-order direct tensor (what the perception
 * preprocessor produces) is wrapped without a copy; anything else is copied into one reused native-order direct
 * buffer (DJL would otherwise allocate a fresh direct buffer per frame, which only the GC frees). The array aliases
 * that memory, so the caller must close the array's manager before the memory is refilled.
 */
final class InputFeed {

    private final InputSize size;
    private final Shape shape;
    private final ByteBuffer buffer;
    private final int floats;

    InputFeed(InputSize size) {
        this.size = size;
        this.shape = new Shape(1, 3, size.height(), size.width());
        this.floats = 3 * size.width() * size.height();
        this.buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    NDArray toArray(NDManager manager, ImageTensor input) {
        if (!input.size().equals(size)) {
            throw new IllegalArgumentException("input is " + input.size() + ", the model wants " + size);
        }
        ByteBuffer src = input.bytes().duplicate().order(input.bytes().order());
        src.position(0);
        int bytes = floats * Float.BYTES;
        if (src.remaining() < bytes) {
            throw new IllegalArgumentException("input holds " + src.remaining() + " bytes, expected " + bytes);
        }
        src.limit(bytes);
        if (src.isDirect() && src.order() == ByteOrder.nativeOrder()) {
            return manager.create(src, shape, DataType.FLOAT32); // wraps the preprocessor's buffer, no copy
        }
        buffer.clear();
        buffer.asFloatBuffer().put(src.asFloatBuffer());
        buffer.position(0).limit(bytes);
        return manager.create(buffer, shape, DataType.FLOAT32);
    }
}
