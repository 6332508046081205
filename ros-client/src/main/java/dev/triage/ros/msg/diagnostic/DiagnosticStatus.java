package dev.triage.ros.msg.diagnostic;

import java.util.List;
import java.util.Objects;

/**
 * diagnostic_msgs/DiagnosticStatus: the state of one component.
 *
 * @param level      {@link #OK}, {@link #WARN}, {@link #ERROR} or {@link #STALE}
 * @param name       component
 * @param message    summary
 * @param hardwareId hardware identifier
 * @param values     key/value details
 */
public record DiagnosticStatus(byte level, String name, String message, String hardwareId, List<KeyValue> values) {

    /** Level: fine. */
    public static final byte OK = 0;
    /** Level: degraded. */
    public static final byte WARN = 1;
    /** Level: failed. */
    public static final byte ERROR = 2;
    /** Level: no recent data. */
    public static final byte STALE = 3;

    public DiagnosticStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hardwareId, "hardwareId");
        values = List.copyOf(values);
    }
}
