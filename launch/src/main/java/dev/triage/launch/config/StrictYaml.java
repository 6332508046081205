package dev.triage.launch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a user's YAML file (a {@code --config} file, a ROS 2 {@code --params-file}) with the two rules Jackson does
 * not apply on its own: a key written twice is refused (the last one would win without a word), and so is an alias
 * ({@code *name}, also in merge keys {@code <<: *name}), which the parser would hand over as the alias's name, so
 * that the error would then blame the value. Errors name the file and the line.
 */
final class StrictYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StrictYaml() {
    }

    /** The file's tree (null or a null node for an empty file). */
    static JsonNode read(Path file) throws ConfigException {
        try {
            refuseAliases(file);
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw YamlErrors.notValid(file, e);
        }
    }

    private static void refuseAliases(Path file) throws IOException, ConfigException {
        try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new ConfigException(file + ": YAML alias *" + p.getText() + " at line "
                            + p.currentLocation().getLineNr() + " is not supported; write the value out");
                }
            }
        }
    }
}
