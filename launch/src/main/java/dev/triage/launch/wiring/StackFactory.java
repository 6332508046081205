package dev.triage.launch.wiring;

import dev.triage.gating.GatePolicy;
import dev.triage.gating.GateSpec;
import dev.triage.gating.TorchScriptGate;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;
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
     * a fresh policy. For replay, evaluation and fleet: no under-load experts (their delivery never uses them).
     */
    public static PerceptionStack create(TriageConfig config, Path home) throws StackException {
        return create(config, home, false);
    }

    /**
     * As {@link #create}, and also loads each detector's under-load copy ({@code under_load_input_width/height}: the
     * same model at a smaller input, which live delivery runs when a frame's deadline leaves too little time for the
     * full one) unless {@code under_load_inputs} is false. For the live nodes (and bench's forward-only table).
     */
    public static PerceptionStack createLive(TriageConfig config, Path home) throws StackException {
        return create(config, home, true);
    }

    private static PerceptionStack create(TriageConfig config, Path home, boolean live) throws StackException {
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
                ExpertRequest request = new ExpertRequest(e.getKey(), entry, e.getValue(), sidecars, runtime);
                Expert expert = registry.load(request);
                loaded.add(expert);
                Expert underLoad = null;
                if (live && config.underLoadInputs() && entry.underLoadInputSize().isPresent()) {
                    underLoad = loadUnderLoad(registry, request, expert.inputSize());
                    if (underLoad != null) {
                        loaded.add(underLoad);
                    }
                }
                slots.add(new ExpertSlot(e.getKey(), entry.scenes(), expert, underLoad));
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

    /**
     * The under-load copy of the expert {@code r} describes, at its {@code under_load_input_width/height}; null, with
     * a warning, for a model that runs at one size only (no {@code size_multiple} in its sidecar, or a user's model
     * described by a {@code yolo} section), which then always runs its full input.
     */
    private static Expert loadUnderLoad(ExpertRegistry registry, ExpertRequest r, InputSize full)
            throws StackException, ModelLoadException {
        InputSize size = r.config().underLoadInputSize().orElseThrow();
        String key = r.key() + ".under_load_input_width/under_load_input_height";
        if (r.config().yolo() != null || !r.sidecars().resizable(r.files().sidecar())) {
            LOG.warn("{} = {} does not apply to {}, which runs at {} only: under load it runs its full input", key,
                    size, r.files().model(), full);
            return null;
        }
        if (size.pixels() >= full.pixels()) {
            throw new StackException(key + " = " + size + " must have fewer pixels than the input " + full);
        }
        return registry.load(new ExpertRequest(r.name(), r.config().atInputSize(size), r.files(), r.sidecars(),
                r.runtime()));
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
