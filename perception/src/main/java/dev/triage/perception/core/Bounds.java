package dev.triage.perception.core;

/**
 * Range checks for the parameter records, with one message shape: {@code name must be in [lo, hi]: value}, the
 * brackets saying which ends are included. The configuration mapper turns the {@link IllegalArgumentException} into
 * an error naming the YAML key.
 */
public final class Bounds {
    private Bounds() {
    }

    /** {@code value} in {@code [lo, hi]}. */
    public static double closed(String name, double value, double lo, double hi) {
        return check(name, value, value >= lo && value <= hi, "[", lo, hi, "]");
    }

    /** {@code value} in {@code (lo, hi]}. */
    public static double openClosed(String name, double value, double lo, double hi) {
        return check(name, value, value > lo && value <= hi, "(", lo, hi, "]");
    }

    /** {@code value} in {@code [lo, hi)}. */
    public static double closedOpen(String name, double value, double lo, double hi) {
        return check(name, value, value >= lo && value < hi, "[", lo, hi, ")");
    }

    /** {@code value} in {@code (lo, hi)}. */
    public static double open(String name, double value, double lo, double hi) {
        return check(name, value, value > lo && value < hi, "(", lo, hi, ")");
    }

    /** {@code value} in {@code [lo, hi]}. */
    public static int closed(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + value);
        }
        return value;
    }

    private static double check(String name, double value, boolean inside, String open, double lo, double hi,
                                String close) {
        if (!inside) { // NaN lands here too
            throw new IllegalArgumentException(name + " must be in " + open + text(lo) + ", " + text(hi) + close
                    + ": " + value);
        }
        return value;
    }

    private static String text(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
