package dev.triage.perception.core;

/**
 * Closes the parts of a host in order, every one of them even when an earlier one fails: a node's shutdown must not
 * leak a subscription or a writer because the image reader before it threw.
 */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes every non-null part in the order given. The first failure is rethrown after the last part (a checked
     * one wrapped in an {@link IllegalStateException}), with the later ones added as suppressed.
     */
    public static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException r ? r
                        : new IllegalStateException("closing " + part + " failed: " + e.getMessage(), e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
