package dev.triage.experts;

import dev.triage.inference.ModelLoadException;
import dev.triage.inference.ModelRunner;
import dev.triage.inference.OutputContract;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TensorData;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.InferenceException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What every TorchScript expert shares: a per-thread runner on a (possibly shared) model checked against the spec's
 * input size and output contract, the forward pass, turning decoder failures into {@link InferenceException}s that
 * name the model, forward-only timing, and closing. Subclasses only decode.
 *
 * @param <S> the spec the subclass decodes with
 */
abstract class TorchScriptExpert<S extends ModelSpec> implements Expert, ForwardTimed {
    private final TorchScriptModel model;
    private final S spec;
    private final ModelRunner runner;
    private final boolean ownsModel;

    /**
     * @param model     loaded with {@code spec.inputSize()} and {@code spec.outputContract()}
     * @param ownsModel whether closing the expert closes the model too
     * @throws IllegalArgumentException when the model was loaded for another input size or contract
     */
    TorchScriptExpert(TorchScriptModel model, S spec, boolean ownsModel) {
        InputSize expectedInput = spec.inputSize();
        OutputContract expectedContract = spec.outputContract();
        if (!model.inputSize().equals(expectedInput)) {
            throw new IllegalArgumentException(model.file() + " was loaded for input " + model.inputSize()
                    + " but the spec says " + expectedInput);
        }
        if (!sameShapes(model.contract(), expectedContract)) {
            throw new IllegalArgumentException(model.file() + " was loaded with contract " + model.contract().describe()
                    + " but the spec implies " + expectedContract.describe());
        }
        this.model = model;
        this.spec = spec;
        this.runner = model.newRunner();
        this.ownsModel = ownsModel;
    }

    /**
     * Loads, warms up and checks {@code file} for {@code spec} and hands the model to {@code owner}, which builds the
     * expert that owns it; when building fails, the model is closed.
     *
     * @throws ModelLoadException naming the file, from loading or from the owner
     */
    static <S extends ModelSpec, E extends TorchScriptExpert<S>> E loadOwned(Path file, S spec, RuntimeOptions options,
            TorchScriptModel.Owner<E> owner) throws ModelLoadException {
        return TorchScriptModel.loadOwned(file, spec.inputSize(), spec.outputContract(), options, owner);
    }

    /** The spec this expert decodes with. */
    public final S spec() {
        return spec;
    }

    /** Turns the model's outputs into results in frame pixels. May throw on a malformed output. */
    abstract ExpertOutput decode(List<TensorData> outputs, int frameWidth, int frameHeight);

    @Override
    public final InputSize inputSize() {
        return model.inputSize();
    }

    @Override
    public final ExpertOutput infer(ImageTensor input, int frameWidth, int frameHeight) throws InferenceException {
        List<TensorData> out = runner.run(input);
        try {
            return decode(out, frameWidth, frameHeight);
        } catch (RuntimeException e) {
            throw new InferenceException("decoding the output of " + model.file() + " failed: " + e, e);
        }
    }

    /** Times the raw forward pass only (no input copy, no decoding); for the benchmark. */
    @Override
    public final long forwardOnlyNanos(ImageTensor input) throws InferenceException {
        return runner.forwardOnlyNanos(input);
    }

    @Override
    public final void close() {
        runner.close();
        if (ownsModel) {
            model.close();
        }
    }

    private static boolean sameShapes(OutputContract a, OutputContract b) {
        if (a.shapes().size() != b.shapes().size()) {
            return false;
        }
        for (int i = 0; i < a.shapes().size(); i++) {
            if (!Arrays.equals(a.shapes().get(i), b.shapes().get(i))) {
                return false;
            }
        }
        return true;
    }
}
