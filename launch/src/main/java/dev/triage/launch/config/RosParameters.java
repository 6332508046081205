package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Triage node's ROS parameters, split in two: the node's own ({@link #NODE_KEYS}: which config file, image
 * transport, sim time, speed topic, CARLA roles) and everything else, which is configuration: a
 * {@link ConfigOverlay} laid over the YAML tree before schema validation. ROS 1 private parameters
 * ({@code ~budget_ms}, {@code ~gate: {smoothing: 0.5}}) and ROS 2 parameters ({@code -p budget_ms:=40},
 * {@code -p gate.smoothing:=0.5}, a {@code --params-file}'s {@code ros__parameters}) come through here alike, so a
 * value the schema refuses ({@code gate_every_n_frames: 2.7}) is refused naming its key, never truncated.
 *
 * @param node   the node's own parameters by name
 * @param config the configuration keys, nested as in the YAML file
 */
public record RosParameters(Map<String, Object> node, ObjectNode config) {

    /** Parameters of the node itself, not configuration keys (ROS 1 and ROS 2 alike; each uses what it supports). */
    public static final List<String> NODE_KEYS = List.of("config", "image_transport", "use_sim_time", "use_speed",
            "carla_role", "carla_camera");

    private static final ObjectMapper JSON = new ObjectMapper();

    public RosParameters {
        node = Map.copyOf(node);
    }

    /**
     * Splits {@code params} (name → value as ROS delivers it: numbers, booleans, strings, lists, nested maps). A
     * dotted name ({@code gate.smoothing}, the ROS 2 way to address a nested parameter) becomes a nested key.
     */
    public static RosParameters split(Map<String, ?> params) {
        Map<String, Object> node = new LinkedHashMap<>();
        ObjectNode config = JSON.createObjectNode();
        params.forEach((name, value) -> {
            if (NODE_KEYS.contains(name)) {
                node.put(name, value);
                return;
            }
            ObjectNode at = config;
            String[] parts = name.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
            }
            JsonNode tree = JSON.valueToTree(value);
            JsonNode existing = at.get(parts[parts.length - 1]);
            if (existing instanceof ObjectNode o && tree instanceof ObjectNode t) {
                o.setAll(t);
            } else {
                at.set(parts[parts.length - 1], tree);
            }
        });
        return new RosParameters(node, config);
    }

    /** Splits a document of parameters (a ROS 2 parameter file's {@code ros__parameters}). */
    public static RosParameters split(JsonNode params) {
        Map<String, Object> flat = new LinkedHashMap<>();
        params.fields().forEachRemaining(f -> flat.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class)));
        return split(flat);
    }

    /** The configuration keys as an overlay named {@code source}. */
    public ConfigOverlay overlay(String source) {
        return new ConfigOverlay(source, config);
    }
}
