package dev.triage.datasets.synthetic;

/**
 * The two kinds of world the synthetic drive generator can draw. Their {@link #wireName()}s are the scene labels it
 * writes into ground truth and {@code labels.csv}; the pipeline itself knows scenes only by name (the gate's
 * classes), so this enum belongs to the generator alone.
 */
public enum Scene {
    /** City streets: pedestrians, cyclists, parked cars. */
    URBAN,
    /** Multi-lane roads at speed. */
    HIGHWAY;

    /** Lower-case name used in ground truth, JSON and {@code labels.csv}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #wireName()} (case-insensitive). */
    public static Scene fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
