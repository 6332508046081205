package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.ConfigOverlay;
import dev.triage.launch.config.TriageConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of one command run: the YAML file over the defaults, with {@code --budget-ms} laid over it as
 * an override of {@code budget_ms} (validated by the schema like the file, and named {@code --budget-ms} in errors).
 */
final class RunConfig {

    private RunConfig() {
    }

    /** Loads {@code configFile} (or the defaults) with {@code budgetOverride} applied when given. */
    static TriageConfig load(Path configFile, Double budgetOverride) throws ConfigException {
        List<ConfigOverlay> overrides = budgetOverride == null ? List.of()
                : List.of(new ConfigOverlay("--budget-ms", new ObjectMapper().createObjectNode()
                        .put("budget_ms", budgetOverride)));
        return new ConfigLoader().load(Optional.ofNullable(configFile), overrides);
    }
}
