package dev.triage.ros.msg.diagnostic;

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
}
