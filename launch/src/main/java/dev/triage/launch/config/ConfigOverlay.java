package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A configuration document laid over the YAML configuration before schema validation: ROS parameters (ROS 1
 * {@code ~params}, ROS 2 {@code -p} and {@code --params-file}) or a command-line option such as
 * {@code --budget-ms}. It is validated against the schema on its own, naming {@link #source()}, then merged.
 *
 * @param source what set these keys, for messages (e.g. {@code "ROS parameters of /triage"}, {@code "--budget-ms"})
 * @param tree   a mapping of the configuration schema's keys (nested mappings for sections)
 */
public record ConfigOverlay(String source, JsonNode tree) {

    public ConfigOverlay {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tree, "tree");
    }
}
