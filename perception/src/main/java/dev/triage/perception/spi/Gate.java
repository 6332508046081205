package dev.triage.perception.spi;

import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

/**
 * The context classifier. One instance per worker thread; not thread-safe.
 *
 * <pre>{@code
 * SceneProbabilities p = gate.classify(prepared.tensor(gate.inputSize()));
 * }</pre>
 */
public interface Gate extends AutoCloseable {

    /** Size the gate wants its input at. */
    InputSize inputSize();

    /** Classifies one frame. */
    SceneProbabilities classify(ImageTensor input) throws InferenceException;

    @Override
    void close();
}
