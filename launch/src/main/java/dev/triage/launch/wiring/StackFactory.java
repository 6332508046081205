package dev.triage.launch.wiring;

import dev.triage.experts.HighwayExpert;
import dev.triage.experts.UrbanExpert;
import dev.triage.experts.YoloExpert;
import dev.triage.experts.YoloSpec;
import dev.triage.experts.decode.RiderRule;
import dev.triage.gating.GatePolicy;
import dev.triage.gating.TorchScriptGate;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** Loads the gate and both experts and builds a fresh policy. */
    public static PerceptionStack create(TriageConfig config, Path home) throws StackException {
        RuntimeEnvironment.warnings(System.getenv()).forEach(w -> LOG.warn("{} (see scripts/runtime-env.sh)", w));
        SidecarReader sidecars = new SidecarReader();
        // one set of options for the gate and both experts; the device is the config's "cpu" or "gpu"
        RuntimeOptions runtime = new RuntimeOptions(config.runtime().device(), config.runtime().intraOpThreads(),
                config.runtime().warmupIterations());

        ModelFiles gateFiles = ModelFiles.resolve(home, config.modelsDir(), config.gate().model()).requireModel();
        ModelFiles urbanFiles = ModelFiles.resolve(home, config.modelsDir(), config.experts().urban().model()).requireModel();
        ModelFiles highwayFiles = ModelFiles.resolve(home, config.modelsDir(), config.experts().highway().model()).requireModel();

        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            TorchScriptGate gate = TorchScriptGate.load(gateFiles.model(), sidecars.gate(gateFiles.sidecar()), runtime);
            loaded.add(gate);
            Expert urban = loadUrban(urbanFiles, config.experts().urban(), sidecars, runtime);
            loaded.add(urban);
            HighwayExpert highway = HighwayExpert.load(highwayFiles.model(),
                    sidecars.highway(highwayFiles.sidecar(), config.experts().highway()), runtime);
            loaded.add(highway);
            List<Expert> experts = List.of(urban, highway);
            return new PerceptionStack(gate, experts, gatePolicy(config));
        } catch (ModelLoadException e) {
            closeAll(loaded);
            throw new StackException(e.getMessage());
        } catch (StackException | RuntimeException e) {
            closeAll(loaded);
            throw e;
        }
    }

    private static Expert loadUrban(ModelFiles files, TriageConfig.Urban config, SidecarReader sidecars,
                                    RuntimeOptions runtime) throws StackException, ModelLoadException {
        if (config.yolo() == null) {
            if ("yolo".equals(sidecars.kind(files.sidecar()))) {
                return YoloExpert.load(files.model(), sidecars.yolo(files.sidecar(), config), runtime);
            }
            if (config.inputSize().isPresent()) {
                throw new StackException("experts.urban.input_width/input_height: " + files.sidecar()
                        + " describes a fixed-size model; remove them or use a fully convolutional (kind yolo) model");
            }
            return UrbanExpert.load(files.model(), sidecars.urban(files.sidecar(), config), runtime);
        }
        TriageConfig.Yolo y = config.yolo();
        YoloSpec spec;
        try {
            spec = new YoloSpec(new InputSize(y.inputWidth(), y.inputHeight()), y.classes(), y.labelMap(),
                    new RiderRule("person", y.riders()), config.detectionParams());
        } catch (IllegalArgumentException e) {
            throw new StackException("experts.urban.yolo: " + e.getMessage());
        }
        return YoloExpert.load(files.model(), spec, runtime);
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
