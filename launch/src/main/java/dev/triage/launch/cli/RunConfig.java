package dev.triage.launch.cli;

import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.TriageConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration of one command run: the YAML file over the defaults, with the {@code --budget-ms} override
 * applied and checked against the schema's range.
 *
 * @param config   the validated configuration
 * @param budgetMs the latency budget in force
 */
record RunConfig(TriageConfig config, double budgetMs) {

    /** Loads {@code configFile} (or the defaults) and applies {@code budgetOverride} when given. */
    static RunConfig load(Path configFile, Double budgetOverride) throws ConfigException {
        TriageConfig config = new ConfigLoader().load(Optional.ofNullable(configFile));
        double budget = budgetOverride != null ? budgetOverride : config.budgetMs();
        if (!(budget >= 1 && budget <= 1000)) {
            throw new ConfigException("--budget-ms: " + budgetOverride + " is out of range [1, 1000]");
        }
        return new RunConfig(config, budget);
    }
}
