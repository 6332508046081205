package dev.triage.datasets.rosbag2;

import java.util.Objects;

/**
 * The message definition a recording stores for a topic (an MCAP schema record).
 *
 * @param encoding the schema encoding ({@code ros2msg} for .msg text with its dependencies)
 * @param text     the definition
 * @param where    where it is stored, for errors ({@code schema record at byte 123})
 */
public record MessageSchema(String encoding, String text, String where) {
    public MessageSchema {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(where, "where");
    }
}
