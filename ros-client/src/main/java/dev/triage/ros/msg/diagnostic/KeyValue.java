package dev.triage.ros.msg.diagnostic;

import java.util.Locale;
import java.util.Objects;

/**
 * diagnostic_msgs/KeyValue.
 *
 * @param key   label
 * @param value value as text
 */
public record KeyValue(String key, String value) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** A count. */
    public static KeyValue of(String key, long value) {
        return new KeyValue(key, Long.toString(value));
    }

    /** A measurement, with three decimals. */
    public static KeyValue of(String key, double value) {
        return new KeyValue(key, String.format(Locale.ROOT, "%.3f", value));
    }
}
