package dev.triage.datasets.rosbag2;

import java.util.List;
import java.util.Map;

/**
 * Checks that a topic is CDR and that its stored ros2msg definition, where the storage keeps one, parses and lays
 * out the fields the way this reader decodes them: a recording of another layout under the same type name would
 * otherwise decode into garbage.
 */
public final class SchemaCheck {
    private static final String ROS2MSG = "ros2msg";
    private static final Map<String, List<String>> LAYOUTS = Map.of(
            "Image", List.of("Header header", "uint32 height", "uint32 width", "string encoding",
                    "uint8 is_bigendian", "uint32 step", "uint8[] data"),
            "CompressedImage", List.of("Header header", "string format", "uint8[] data"),
            "Header", List.of("Time stamp", "string frame_id"),
            "Time", List.of("int32 sec", "uint32 nanosec"),
            "Float32", List.of("float32 data"),
            "CarlaSpeedometer", List.of("Header header", "float32 speed"));

    private SchemaCheck() {
    }

    /**
     * @throws StorageFormatException naming the schema's record when the topic is not CDR, its schema encoding is
     *                                not ros2msg, the definition does not parse or a known type's fields differ
     */
    public static void check(TopicInfo topic) throws StorageFormatException {
        String where = topic.schema().map(MessageSchema::where).orElse("topic '" + topic.topic() + "'");
        if (!"cdr".equals(topic.serialization())) {
            throw new StorageFormatException(where, "topic '" + topic.topic() + "' is serialized as '"
                    + topic.serialization() + "', not cdr");
        }
        if (topic.schema().isEmpty()) {
            return;
        }
        MessageSchema schema = topic.schema().get();
        if (!ROS2MSG.equals(schema.encoding())) {
            throw new StorageFormatException(where, "schema encoding '" + schema.encoding() + "' of "
                    + topic.type() + " is not " + ROS2MSG);
        }
        Ros2MsgDefinition definition;
        try {
            definition = Ros2MsgDefinition.parse(topic.type(), schema.text());
        } catch (IllegalArgumentException e) {
            throw new StorageFormatException(where, "schema " + topic.type() + " does not parse: " + e.getMessage());
        }
        for (Map.Entry<String, List<String>> layout : LAYOUTS.entrySet()) {
            List<String> fields = definition.fields(layout.getKey());
            if (fields != null && !fields.equals(layout.getValue())) {
                throw new StorageFormatException(where, "schema " + topic.type() + ": " + layout.getKey()
                        + " has fields " + fields + ", this reader decodes " + layout.getValue());
            }
        }
    }
}
