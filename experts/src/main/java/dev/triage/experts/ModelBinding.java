package dev.triage.experts;

import dev.triage.inference.ModelRunner;
import dev.triage.inference.OutputContract;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.image.InputSize;

import java.util.Arrays;

/** A per-thread runner on a (possibly shared) model, plus whether closing it also closes the model. */
final class ModelBinding implements AutoCloseable {

    private final TorchScriptModel model;
    private final ModelRunner runner;
    private final boolean ownsModel;

    ModelBinding(TorchScriptModel model, InputSize expectedInput, OutputContract expectedContract, boolean ownsModel) {
        if (!model.inputSize().equals(expectedInput)) {
            throw new IllegalArgumentException(model.file() + " was loaded for input " + model.inputSize()
                    + " but the spec says " + expectedInput);
        }
        if (!sameShapes(model.contract(), expectedContract)) {
            throw new IllegalArgumentException(model.file() + " was loaded with contract " + model.contract().describe()
                    + " but the spec implies " + expectedContract.describe());
        }
        this.model = model;
        this.runner = model.newRunner();
        this.ownsModel = ownsModel;
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

    ModelRunner runner() {
        return runner;
    }

    TorchScriptModel model() {
        return model;
    }

    @Override
    public void close() {
        runner.close();
        if (ownsModel) {
            model.close();
        }
    }
}
