package dev.triage.fleet.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.ConfigOverlay;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.ModelFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Loads a {@link Variant}'s configuration on both sides of the job. On the driver it validates the user's file and
 * lists the model files to ship; on an executor it rebuilds the same configuration from the shipped YAML text, with
 * every model reference pointing into the folder where Spark put the shipped files.
 */
public final class VariantConfig {
    private static final YAMLMapper YAML = new YAMLMapper();

    private VariantConfig() {
    }

    /**
     * A validated variant on the driver.
     *
     * @param variant    what travels to the executors
     * @param config     the configuration as the driver loaded it
     * @param modelFiles the {@code .pt} and {@code .json} files to ship, by the name they get on the executors
     */
    public record Prepared(Variant variant, TriageConfig config, Map<String, Path> modelFiles) {
    }

    /**
     * Loads {@code configFile} (a YAML file, a profile name, or null for the defaults) and names its models. Model
     * files get executor names {@code <label>_<key>_<file>} so that two variants never clash.
     *
     * @throws ConfigException naming the file and key when the configuration is invalid
     * @throws IOException     when the file cannot be read
     */
    public static Prepared prepare(String label, String configFile, String policy, Path home)
            throws ConfigException, IOException {
        Optional<Path> file = Optional.ofNullable(configFile).map(Path::of);
        TriageConfig config = new ConfigLoader().load(file);
        String yaml = file.filter(Files::isRegularFile).isPresent() ? Files.readString(file.get()) : null;
        Map<String, String> models = new LinkedHashMap<>();
        Map<String, Path> shipped = new LinkedHashMap<>();
        ship(label, "gate", config.gate().model(), config, home, models, shipped);
        config.experts().forEach((name, expert) -> {
            if (!expert.scenes().isEmpty()) {
                ship(label, "experts." + name, expert.model(), config, home, models, shipped);
            }
        });
        return new Prepared(new Variant(label, configFile, yaml, policy, models), config, shipped);
    }

    private static void ship(String label, String key, String reference, TriageConfig config, Path home,
                             Map<String, String> models, Map<String, Path> shipped) {
        ModelFiles files = ModelFiles.resolve(home, config.modelsDir(), reference);
        String base = files.model().getFileName().toString().replaceFirst("\\.pt$", "");
        String name = label + "_" + key.replace('.', '_') + "_" + base;
        models.put(key, name);
        shipped.put(name + ".pt", files.model());
        shipped.put(name + ".json", files.sidecar());
    }

    /**
     * Rebuilds the configuration on an executor, with models read from {@code modelsRoot} (where the job's shipped
     * files are).
     */
    public static TriageConfig load(Variant variant, Path modelsRoot) throws ConfigException {
        ObjectNode overlay;
        String overlayName = variant.configName() == null ? "fleet models" : variant.configName();
        Optional<Path> userFile = Optional.empty();
        if (variant.configYaml() != null) {
            try {
                JsonNode user = YAML.readTree(variant.configYaml());
                overlay = user instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
            } catch (IOException e) {
                throw new ConfigException(overlayName + ": " + e.getMessage(), e);
            }
        } else {
            overlay = JsonNodeFactory.instance.objectNode();
            userFile = Optional.ofNullable(variant.configName()).map(Path::of);
        }
        overlay.put("models_dir", modelsRoot.toAbsolutePath().toString());
        variant.models().forEach((key, name) -> {
            ObjectNode section = overlay;
            for (String part : key.split("\\.")) {
                section = section.has(part) && section.get(part) instanceof ObjectNode o ? o : section.putObject(part);
            }
            section.put("model", name);
        });
        return new ConfigLoader().load(userFile, List.of(new ConfigOverlay(overlayName, overlay)));
    }
}
