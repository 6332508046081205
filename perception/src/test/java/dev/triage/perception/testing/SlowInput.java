package dev.triage.perception.testing;

/**
 * The fuzz targets' guard against slow inputs (shared with the modules above perception through its test-jar):
 * Jazzer only notes a slow input, but a hostile one that a peer can repeat at will and that stalls a parser is a
 * finding.
 */
public final class SlowInput {

    private SlowInput() {
    }

    /**
     * Fails when more than {@code limitMillis} have passed since {@code startNanos} ({@link System#nanoTime()}), with
     * "{@code doing} N bytes took M ms".
     */
    public static void check(long startNanos, long limitMillis, String doing, int bytes) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        if (millis > limitMillis) {
            throw new IllegalStateException(doing + " " + bytes + " bytes took " + millis + " ms");
        }
    }
}
