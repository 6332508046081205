package dev.triage.ros.node;

import java.util.Locale;

/** How camera images arrive, as image_transport names it: {@code raw} (sensor_msgs/Image) or {@code compressed}. */
public enum ImageTransport {
    /** sensor_msgs/Image on the base topic. */
    RAW,
    /** sensor_msgs/CompressedImage (jpeg, png) on {@code <base topic>/compressed}. */
    COMPRESSED;

    /** The topic this transport subscribes for an image_transport base topic. */
    public String topic(String baseTopic) {
        return this == RAW ? baseTopic : baseTopic + "/compressed";
    }

    /** Parses "raw" or "compressed" (case-insensitive). */
    public static ImageTransport parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "raw" -> RAW;
            case "compressed" -> COMPRESSED;
            default -> throw new IllegalArgumentException("image_transport must be raw or compressed, got '" + name + "'");
        };
    }
}
