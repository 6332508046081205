package dev.triage.launch.wiring;

import dev.triage.inference.RuntimeOptions;
import dev.triage.launch.config.TriageConfig;

/**
 * What an {@link ExpertKind} needs to load one configured expert.
 *
 * @param name     the expert's name, its key under {@code experts}
 * @param config   its configuration entry
 * @param files    its model file and sidecar
 * @param sidecars the sidecar reader
 * @param runtime  device, threads and warm-up shared by every model
 */
public record ExpertRequest(String name, TriageConfig.ExpertConfig config, ModelFiles files, SidecarReader sidecars,
                            RuntimeOptions runtime) {

    /** The entry's YAML key, {@code experts.<name>}, for messages. */
    public String key() {
        return "experts." + name;
    }
}
