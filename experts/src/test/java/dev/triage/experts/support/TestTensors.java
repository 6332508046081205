package dev.triage.experts.support;

import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** Test-only helpers: hand-made input tensors and fixture paths. */
public final class TestTensors {

    private TestTensors() {
    }

    /** A black CHW tensor of {@code size} in a native-order direct buffer, like the preprocessor makes. */
    public static ByteBuffer black(InputSize size) {
        return ByteBuffer.allocateDirect(3 * Float.BYTES * size.width() * size.height()).order(ByteOrder.nativeOrder());
    }

    /** Sets channel {@code c} to {@code value} on the rectangle [x0, x1) x [y0, y1). */
    public static void fill(ByteBuffer buf, InputSize size, int c, int x0, int y0, int x1, int y1, float value) {
        FloatBuffer f = buf.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        int plane = size.width() * size.height();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                f.put(c * plane + y * size.width() + x, value);
            }
        }
    }

    /** Wraps a buffer as the read-only tensor the pipeline hands to experts. */
    public static ImageTensor tensor(InputSize size, ByteBuffer buf) {
        return new ImageTensor(size, buf.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    /** A black tensor. */
    public static ImageTensor zeros(InputSize size) {
        return tensor(size, black(size));
    }

    /** The path of a test resource under {@code fixtures/}. */
    public static Path fixture(String name) {
        try {
            return Path.of(TestTensors.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name
                    + " (rebuild with /usr/bin/python3 training/fixtures/make_fixtures.py)", e);
        }
    }
}
