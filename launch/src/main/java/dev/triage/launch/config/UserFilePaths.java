package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Anchors the relative paths of a user's YAML file at that file's folder, as a user writing the file expects:
 * {@code models_dir}, and {@code gate.model} and each {@code experts.<name>.model} given as a path (ending in
 * {@code .pt}). A bare model name stays a name looked up in {@code models_dir}. Values that are not text, or not a
 * valid path, are left as they are for the schema and the model loader to refuse. The packaged defaults, profiles and
 * ROS parameters are not files a user wrote next to their models; their relative paths resolve against the Triage
 * installation ({@code ModelFiles}).
 */
final class UserFilePaths {

    private UserFilePaths() {
    }

    /** Rewrites, in place, the relative paths of {@code tree} (read from a file in {@code folder}) to absolute ones. */
    static void anchor(ObjectNode tree, Path folder) {
        anchor(tree, "models_dir", folder, value -> true);
        Predicate<String> modelPath = value -> value.endsWith(".pt");
        if (tree.get("gate") instanceof ObjectNode gate) {
            anchor(gate, "model", folder, modelPath);
        }
        if (tree.get("experts") instanceof ObjectNode experts) {
            experts.forEach(entry -> {
                if (entry instanceof ObjectNode expert) {
                    anchor(expert, "model", folder, modelPath);
                }
            });
        }
    }

    private static void anchor(ObjectNode node, String key, Path folder, Predicate<String> isPath) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isEmpty() || !isPath.test(value.asText())) {
            return;
        }
        try {
            Path path = Path.of(value.asText());
            if (!path.isAbsolute()) {
                node.put(key, folder.resolve(path).normalize().toString());
            }
        } catch (InvalidPathException e) {
            // left for the model loader, whose error names the key and the value
        }
    }
}
