package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema's bounds are the domain records' bounds, key by key: for every numeric key of the schema, the values
 * at its bounds (inside) are accepted by the records the configuration builds, and the values just outside are
 * refused by them, with the key named. The probes go straight to the mapper, without the schema, so that a record
 * that is stricter or looser than the schema fails here rather than in front of a user.
 */
class ConfigBoundsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final double EPS = 1e-6;
    private final ConfigLoader loader = new ConfigLoader();

    /** A numeric key with its schema bounds. */
    private record NumericKey(String key, boolean integer, double low, boolean lowOpen, double high, boolean highOpen) {
    }

    @Test
    void everyNumericKeyHasTheSameBoundsInTheSchemaAndItsRecord() throws Exception {
        List<NumericKey> keys = numericKeys();
        assertTrue(keys.size() >= 20, "numeric keys found: " + keys);
        Map<String, String> problems = new TreeMap<>();
        for (NumericKey k : keys) {
            double lowIn = k.lowOpen() ? k.low() + step(k) : k.low();
            double highIn = k.highOpen() ? k.high() - step(k) : k.high();
            double lowOut = k.lowOpen() ? k.low() : k.low() - step(k);
            double highOut = k.highOpen() ? k.high() : k.high() + step(k);
            for (double v : new double[]{lowIn, highIn}) {
                String refusal = probe(k, v);
                if (refusal != null) {
                    problems.put(k.key() + " = " + v, "schema allows it, a record refuses it: " + refusal);
                }
            }
            for (double v : new double[]{lowOut, highOut}) {
                String refusal = probe(k, v);
                if (refusal == null) {
                    problems.put(k.key() + " = " + v, "schema refuses it, every record accepts it");
                } else if (!refusal.contains("'" + k.key() + "'")) {
                    problems.put(k.key() + " = " + v, "refused without naming the key: " + refusal);
                }
            }
        }
        assertEquals(Map.of(), problems);
    }

    private static double step(NumericKey k) {
        return k.integer() ? 1 : EPS;
    }

    /** Maps the defaults with {@code key} set to {@code value}; null when accepted, else the message. */
    private String probe(NumericKey k, double value) throws Exception {
        ObjectNode tree = defaults();
        String[] path = k.key().split("\\.");
        ObjectNode at = tree;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.has(path[i]) ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
        }
        String leaf = path[path.length - 1];
        if (k.integer()) {
            at.put(leaf, (long) value);
        } else {
            at.put(leaf, value);
        }
        // the partners a key needs to reach its record
        if (k.key().startsWith("gate.")) {
            ((ObjectNode) tree.get("gate")).put("speed_prior", false);   // the cross-key rule has its own test
        }
        if (leaf.contains("input_")) {
            String other = leaf.endsWith("_width") ? leaf.replace("_width", "_height")
                    : leaf.replace("_height", "_width");
            if (!at.has(other)) {
                at.put(other, 256);
            }
            if (k.key().contains(".yolo.")) {
                at.putArray("classes").add("person");
            }
        }
        try {
            loader.map(tree, key -> "probe");
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static ObjectNode defaults() throws Exception {
        try (InputStream in = ConfigBoundsTest.class.getResourceAsStream("/config/default.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        }
    }

    /** Every number or integer property of the schema with its dotted key (experts: the shipped entries). */
    private static List<NumericKey> numericKeys() throws Exception {
        JsonNode schema;
        try (InputStream in = ConfigBoundsTest.class.getResourceAsStream("/config/triage.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        List<NumericKey> out = new ArrayList<>();
        collect(schema, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, List<NumericKey> out) {
        node.path("properties").fields().forEachRemaining(p -> {
            String key = prefix + p.getKey();
            JsonNode s = p.getValue();
            String type = s.path("type").asText("");
            if (type.equals("number") || type.equals("integer")) {
                if (!(s.has("minimum") || s.has("exclusiveMinimum")) || !(s.has("maximum") || s.has("exclusiveMaximum"))) {
                    fail("numeric key " + key + " has no lower or upper bound in the schema");
                }
                out.add(new NumericKey(key, type.equals("integer"),
                        s.has("minimum") ? s.get("minimum").asDouble() : s.get("exclusiveMinimum").asDouble(),
                        !s.has("minimum"),
                        s.has("maximum") ? s.get("maximum").asDouble() : s.get("exclusiveMaximum").asDouble(),
                        !s.has("maximum")));
            } else if (s.has("properties")) {
                collect(s, key + ".", out);
            }
        });
    }
}
