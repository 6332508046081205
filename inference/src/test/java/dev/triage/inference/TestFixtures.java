package dev.triage.inference;

import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Test-only helpers: black input tensors and fixture paths. */
final class TestFixtures {

    private TestFixtures() {
    }

    /** A black CHW tensor of {@code size} in a read-only native-order direct buffer, like the preprocessor makes. */
    static ImageTensor zeros(InputSize size) {
        ByteBuffer buf = ByteBuffer.allocateDirect(3 * Float.BYTES * size.width() * size.height())
                .order(ByteOrder.nativeOrder());
        return new ImageTensor(size, buf.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
    }

    /** The path of a test resource under {@code fixtures/}. */
    static Path fixture(String name) {
        try {
            return Path.of(TestFixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name
                    + " (copied from experts/src/test/resources/fixtures, built by"
                    + " /usr/bin/python3 training/fixtures/make_fixtures.py)", e);
        }
    }
}
