package dev.triage.ros.msg.diagnostic;

import dev.triage.ros.msg.MessageType;

/** The diagnostic_msgs types this client speaks. */
public final class DiagnosticMsgs {

    /** diagnostic_msgs/KeyValue. */
    public static final MessageType<KeyValue> KEY_VALUE =
            MessageType.of("diagnostic_msgs/KeyValue", KeyValue.class);
    /** diagnostic_msgs/DiagnosticStatus. */
    public static final MessageType<DiagnosticStatus> DIAGNOSTIC_STATUS =
            MessageType.of("diagnostic_msgs/DiagnosticStatus", DiagnosticStatus.class);
    /** diagnostic_msgs/DiagnosticArray. */
    public static final MessageType<DiagnosticArray> DIAGNOSTIC_ARRAY =
            MessageType.of("diagnostic_msgs/DiagnosticArray", DiagnosticArray.class);

    private DiagnosticMsgs() {
    }
}
