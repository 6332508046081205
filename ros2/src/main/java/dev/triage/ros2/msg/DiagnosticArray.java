package dev.triage.ros2.msg;

import java.util.List;

/** diagnostic_msgs/msg/DiagnosticArray (statuses as in ROS 1: level, name, message, hardware_id, key/values). */
public record DiagnosticArray(Header header, List<Status> status) {

    public DiagnosticArray {
        status = List.copyOf(status);
    }

    /** diagnostic_msgs/msg/DiagnosticStatus. */
    public record Status(byte level, String name, String message, String hardwareId, List<KeyValue> values) {
        public Status {
            values = List.copyOf(values);
        }
    }

    /** diagnostic_msgs/msg/KeyValue. */
    public record KeyValue(String key, String value) {
    }
}
