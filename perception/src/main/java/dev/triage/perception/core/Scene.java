package dev.triage.perception.core;

/** Driving context that decides which expert sees a frame. */
public enum Scene {
    /** City streets: pedestrians, cyclists, parked cars. Served by the urban-pedestrian expert. */
    URBAN,
    /** Multi-lane roads at speed. Served by the highway-lane expert. */
    HIGHWAY;

    /** Lower-case name used in JSON, YAML and ROS messages. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #wireName()} (case-insensitive). */
    public static Scene fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
