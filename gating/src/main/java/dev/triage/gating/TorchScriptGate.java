package dev.triage.gating;

import dev.triage.inference.ModelLoadException;
import dev.triage.inference.ModelRunner;
import dev.triage.inference.OutputContract;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TensorData;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;

import java.nio.file.Path;
import java.util.List;

/**
 * The context classifier: a TorchScript model with output {@code [1, C]} softmax probabilities, one per scene of
 * {@link GateSpec#classes()} in that order, served by the shared {@link TorchScriptModel} / {@link ModelRunner} support of the
 * {@code inference} module: loaded offline, warmed up and shape-checked at load, each frame in its own NDManager
 * scope with the preprocessor's direct buffer wrapped without a copy. Owns its model and one runner: one instance per
 * worker thread.
 *
 * <pre>{@code
 * try (Gate gate = TorchScriptGate.load(Path.of("models/gate.pt"), GateSpec.contractDefaults(),
 *         RuntimeOptions.defaults())) {
 *     SceneProbabilities p = gate.classify(prepared.tensor(gate.inputSize()));
 * }
 * }</pre>
 */
public final class TorchScriptGate implements Gate, ForwardTimed {

    private final GateSpec spec;
    private final TorchScriptModel model;
    private final ModelRunner runner;

    private TorchScriptGate(GateSpec spec, TorchScriptModel model) {
        this.spec = spec;
        this.model = model;
        this.runner = model.newRunner();
    }

    /**
     * Loads {@code file}, warms it up and checks that it answers {@code [1, C]} for the spec's C classes.
     *
     * @throws ModelLoadException naming the file when it is missing, not TorchScript, corrupt, fails on a zero input
     *                            or answers with the wrong shape
     */
    public static TorchScriptGate load(Path file, GateSpec spec, RuntimeOptions options) throws ModelLoadException {
        return TorchScriptModel.loadOwned(file, spec.inputSize(), contract(spec), options,
                model -> new TorchScriptGate(spec, model));
    }

    /** The output contract of a gate with {@code spec}'s classes: one {@code [1, C]} tensor. */
    public static OutputContract contract(GateSpec spec) {
        return OutputContract.of(1, spec.classes().size());
    }

    @Override
    public InputSize inputSize() {
        return spec.inputSize();
    }

    @Override
    public List<String> scenes() {
        return spec.classes();
    }

    /**
     * @throws InferenceException naming the model file when the forward pass fails, the output breaks the
     *                            {@code [1, C]} contract or the probabilities are negative or not finite
     */
    @Override
    public SceneProbabilities classify(ImageTensor input) throws InferenceException {
        List<TensorData> out = runner.run(input); // checks the contract on every frame
        float[] p = out.get(0).values();
        double[] scores = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0) || !Float.isFinite(p[i])) {
                throw new InferenceException("gate model " + model.file() + " returned invalid probabilities: "
                        + java.util.Arrays.toString(p));
            }
            scores[i] = p[i];
        }
        return SceneProbabilities.normalised(spec.classes(), scores);
    }

    /** Times the raw TorchScript forward pass only (input already in place, no copy-out); for the benchmark. */
    @Override
    public long forwardOnlyNanos(ImageTensor input) throws InferenceException {
        return runner.forwardOnlyNanos(input);
    }

    /** The model file, absolute. */
    public Path file() {
        return model.file();
    }

    @Override
    public void close() {
        runner.close();
        model.close();
    }
}
