package dev.triage.launch.wiring;

import dev.triage.launch.config.TriageConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The start-up check that the gate's classes and the experts' scenes match: every class of the gate sidecar must be
 * served by at least one configured expert, and every scene an expert lists must be a class of the gate. Run before
 * any model loads, so a mismatch costs no time; each error is one line naming the sidecar and the YAML key.
 *
 * <pre>{@code
 * SceneCoverage.check(gateFiles.sidecar(), gateSpec.classes(), config.experts());
 * }</pre>
 */
public final class SceneCoverage {

    private SceneCoverage() {
    }

    /**
     * @param gateSidecar the gate's sidecar, named in the messages
     * @param gateClasses the scene names the gate outputs
     * @param experts     the configured experts by name; those with no scenes are not loaded and not checked
     * @throws StackFactory.StackException on the first mismatch
     */
    public static void check(Path gateSidecar, List<String> gateClasses, Map<String, TriageConfig.ExpertConfig> experts)
            throws StackFactory.StackException {
        for (Map.Entry<String, TriageConfig.ExpertConfig> e : experts.entrySet()) {
            for (String scene : e.getValue().scenes()) {
                if (!gateClasses.contains(scene)) {
                    throw new StackFactory.StackException("experts." + e.getKey() + ".scenes: '" + scene
                            + "' is not a class of the gate (" + gateSidecar + " classes: "
                            + String.join(", ", gateClasses) + ")");
                }
            }
        }
        for (String scene : gateClasses) {
            boolean served = experts.values().stream().anyMatch(c -> c.scenes().contains(scene));
            if (!served) {
                throw new StackFactory.StackException(gateSidecar + ": gate class '" + scene + "' has no expert; "
                        + "list it in the scenes of one (experts.<name>.scenes: [" + scene + "])");
            }
        }
    }
}
