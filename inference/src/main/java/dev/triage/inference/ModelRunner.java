package dev.triage.inference;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslateException;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.InferenceException;

import java.util.List;
import java.util.Optional;

/**
 * Runs one {@link TorchScriptModel} on one worker thread: it owns a DJL predictor and a reused input buffer, and
 * gives each frame its own NDManager scope that is closed before the call returns, so nothing accumulates.
 * Not thread-safe: one runner per thread; the model is shared.
 */
public final class ModelRunner implements AutoCloseable, ForwardTimed {

    private final TorchScriptModel model;
    private final TensorTranslator translator;
    private final Predictor<ImageTensor, List<TensorData>> predictor;
    private final boolean checkContract;

    ModelRunner(TorchScriptModel model, boolean checkContract) {
        this.model = model;
        this.translator = new TensorTranslator(model.inputSize());
        this.predictor = model.zooModel().newPredictor(translator);
        this.checkContract = checkContract;
    }

    /**
     * Runs the model on one frame and returns its outputs, copied to the heap.
     *
     * @throws InferenceException naming the model file when the forward pass fails or the outputs break the contract
     */
    public List<TensorData> run(ImageTensor input) throws InferenceException {
        List<TensorData> out;
        try {
            out = predictor.predict(input);
        } catch (TranslateException | RuntimeException e) {
            Throwable cause = e instanceof TranslateException && e.getCause() != null ? e.getCause() : e;
            throw new InferenceException("model " + model.file() + " failed on a frame: "
                    + TorchScriptModel.firstLine(cause), e);
        }
        if (checkContract) {
            Optional<String> wrong = model.contract().mismatch(out);
            if (wrong.isPresent()) {
                throw new InferenceException("model " + model.file() + " broke its output contract: " + wrong.get());
            }
        }
        return out;
    }

    /**
     * Times the raw TorchScript forward pass on {@code input}, without the translator and without copying outputs.
     * Input preparation happens before the clock starts. On a GPU the clock stops after one output element has been
     * read back, which waits for the device. For benchmarks only.
     *
     * @return elapsed nanoseconds of the forward pass
     */
    @Override
    public long forwardOnlyNanos(ImageTensor input) throws InferenceException {
        try (NDManager frame = model.zooModel().getNDManager().newSubManager()) {
            NDArray x = translator.feed().toArray(frame, input);
            NDList in = new NDList(x);
            ParameterStore store = new ParameterStore(frame, false);
            long t0 = System.nanoTime();
            NDList out = model.zooModel().getBlock().forward(store, in, false);
            if (model.isGpu()) {
                out.head().flatten().get(0).getFloat();
            }
            long elapsed = System.nanoTime() - t0;
            out.attach(frame);
            return elapsed;
        } catch (RuntimeException e) {
            throw new InferenceException("model " + model.file() + " failed on a frame: "
                    + TorchScriptModel.firstLine(e), e);
        }
    }

    /** The model this runner serves. */
    public TorchScriptModel model() {
        return model;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
