package dev.triage.launch.wiring;

import dev.triage.gating.GatePolicy;
import dev.triage.gating.GateSpec;
import dev.triage.gating.TorchScriptGate;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.spi.Expert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link PerceptionStack} from the configuration: resolves model files, loads and warms them up. */
public final class StackFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StackFactory.class);

    private StackFactory() {
    }

    /** A model, sidecar or parameter problem; the message names the file. */
    public static final class StackException extends Exception {
        private static final long serialVersionUID = 1L;

        public StackException(String message) {
            super(message);
        }
    }

    /**
     * Reads the gate's sidecar, checks its classes against the experts' scenes ({@link SceneCoverage}), then loads
     * the gate and every expert that serves a scene (through the {@link ExpertRegistry}, by sidecar kind) and builds
     * a fresh policy.
     */
    public static PerceptionStack create(TriageConfig config, Path home) throws StackException {
        RuntimeEnvironment.warnings(System.getenv()).forEach(w -> LOG.warn("{} (see scripts/runtime-env.sh)", w));
        SidecarReader sidecars = new SidecarReader();
        // one set of options for the gate and every expert; the device is the config's "cpu" or "gpu"
        RuntimeOptions runtime = config.runtime().options();

        ModelFiles gateFiles = ModelFiles.resolve(home, config.modelsDir(), config.gate().model())
                .requireModel("gate.model", config.gate().model());
        GateSpec gateSpec = sidecars.gate(gateFiles.sidecar());
        sidecars.checkDevice(gateFiles.sidecar(), "gate", runtime);
        SceneCoverage.check(gateFiles.sidecar(), gateSpec.classes(), config.experts());
        Map<String, ModelFiles> expertFiles = new LinkedHashMap<>();
        for (Map.Entry<String, TriageConfig.ExpertConfig> e : config.experts().entrySet()) {
            if (!e.getValue().scenes().isEmpty()) {
                ModelFiles files = ModelFiles.resolve(home, config.modelsDir(), e.getValue().model())
                        .requireModel("experts." + e.getKey() + ".model", e.getValue().model());
                sidecars.checkDevice(files.sidecar(), "experts." + e.getKey(), runtime);
                expertFiles.put(e.getKey(), files);
            }
        }

        ExpertRegistry registry = ExpertRegistry.defaults();
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            TorchScriptGate gate = TorchScriptGate.load(gateFiles.model(), gateSpec, runtime);
            loaded.add(gate);
            List<ExpertSlot> slots = new ArrayList<>();
            for (Map.Entry<String, ModelFiles> e : expertFiles.entrySet()) {
                TriageConfig.ExpertConfig entry = config.experts().get(e.getKey());
                Expert expert = registry.load(new ExpertRequest(e.getKey(), entry, e.getValue(), sidecars, runtime));
                loaded.add(expert);
                slots.add(new ExpertSlot(e.getKey(), entry.scenes(), expert));
            }
            return new PerceptionStack(gate, slots, gatePolicy(config));
        } catch (ModelLoadException e) {
            closeAll(loaded);
            throw new StackException(e.getMessage());
        } catch (StackException | RuntimeException e) {
            closeAll(loaded);
            throw e;
        }
    }

    /** A fresh gate policy (smoothing, hysteresis, dwell, uncertainty) with the configured parameters. */
    public static GatePolicy gatePolicy(TriageConfig config) {
        return new GatePolicy(config.gate().policyParams());
    }

    private static void closeAll(List<AutoCloseable> loaded) {
        for (AutoCloseable c : loaded) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one reported
            }
        }
    }
}
