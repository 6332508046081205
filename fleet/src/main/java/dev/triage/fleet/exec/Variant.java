package dev.triage.fleet.exec;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * One side of a fleet run, as it travels to the executors: the configuration (the user's YAML text, since the file
 * itself may not exist on an executor, or a packaged profile name) and the routing policy.
 *
 * @param label      "candidate" or "baseline"
 * @param configName the {@code --config} argument as given (a file or profile name), or null for the defaults
 * @param configYaml the file's text when {@code configName} is a file, else null
 * @param policy     {@code gated}, {@code always_<scene>} or {@code both}
 * @param models     the model files the configuration references, by configuration key ({@code gate},
 *                   {@code experts.<name>}) to file base name ({@code nanodet_m}); shipped with the job
 */
public record Variant(String label, String configName, String configYaml, String policy, Map<String, String> models)
        implements Serializable {

    public Variant {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(policy, "policy");
        models = Map.copyOf(models);
    }

    /** The key of the loaded models this variant needs: variants with equal keys share one stack. */
    public String stackKey() {
        return configName + "\u0000" + configYaml;
    }
}
