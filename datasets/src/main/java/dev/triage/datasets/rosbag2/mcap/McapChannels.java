package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.MessageSchema;
import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosbag2.TopicInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The Schema and Channel records of an MCAP file seen so far, as {@link TopicInfo}s by channel id. */
final class McapChannels {
    private final Map<Integer, MessageSchema> schemas = new HashMap<>();
    private final Map<Integer, String> schemaNames = new HashMap<>();
    private final Map<Integer, TopicInfo> channels = new LinkedHashMap<>();

    /** Takes a Schema record's content; {@code where} names the record. */
    void schema(ByteBuffer content, String where) throws StorageFormatException {
        McapFields.read(content, "Schema record", where, f -> {
            int id = f.uint16();
            String name = f.string();
            String encoding = f.string();
            byte[] data = f.bytes();
            schemaNames.put(id, name);
            schemas.put(id, new MessageSchema(encoding, new String(data, StandardCharsets.UTF_8), "Schema record '"
                    + name + "' at " + where));
        });
    }

    /** Takes a Channel record's content; its schema must have come before it, as the format requires. */
    void channel(ByteBuffer content, String where) throws StorageFormatException {
        McapFields.read(content, "Channel record", where, f -> {
            int id = f.uint16();
            int schemaId = f.uint16();
            String topic = f.string();
            String messageEncoding = f.string();
            f.skipPrefixed(); // metadata map
            String type = schemaId == 0 ? "" : schemaNames.get(schemaId);
            if (type == null) {
                throw new StorageFormatException(where, "Channel record of '" + topic + "' names schema " + schemaId
                        + ", which no Schema record before it defines");
            }
            channels.putIfAbsent(id, new TopicInfo(topic, type, messageEncoding,
                    Optional.ofNullable(schemas.get(schemaId))));
        });
    }

    /** The channel with this id, if its record was seen. */
    Optional<TopicInfo> channel(int id) {
        return Optional.ofNullable(channels.get(id));
    }

    /**
     * Reads a Message record's content: the message, when its channel is known and {@code wanted}; empty when not
     * wanted.
     *
     * @throws StorageFormatException when the record does not parse or its channel was never defined
     */
    Optional<StoredMessage> message(ByteBuffer content, String where, Predicate<TopicInfo> wanted)
            throws StorageFormatException {
        return McapFields.parse(content, "Message record", where, f -> {
            int channelId = f.uint16();
            f.uint32(); // sequence
            long logTime = f.uint64();
            f.uint64(); // publish time
            TopicInfo topic = channel(channelId).orElseThrow(() -> new StorageFormatException(where,
                    "Message record on channel " + channelId + ", which no Channel record before it defines"));
            if (!wanted.test(topic)) {
                return Optional.empty();
            }
            return Optional.of(new StoredMessage(topic, logTime, f.rest(), where));
        });
    }

    /** The ids of every channel seen, in record order. */
    List<Integer> ids() {
        return new ArrayList<>(channels.keySet());
    }

    /** Every channel seen, in record order. */
    List<TopicInfo> all() {
        return new ArrayList<>(channels.values());
    }
}
