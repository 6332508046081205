package dev.triage.ros.msg.diagnostic;

import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * diagnostic_msgs/DiagnosticArray, published on {@code /diagnostics}.
 *
 * @param header stamp
 * @param status one entry per component
 */
public record DiagnosticArray(Header header, List<DiagnosticStatus> status) {

    public DiagnosticArray {
        Objects.requireNonNull(header, "header");
        status = List.copyOf(status);
    }
}
