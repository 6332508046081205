package dev.triage.perception.spi;

import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

import java.util.List;

/**
 * The context classifier: one probability per scene it knows. One instance per worker thread; not thread-safe.
 *
 * <pre>{@code
 * SceneProbabilities p = gate.classify(prepared.tensor(gate.inputSize()));
 * String likeliest = p.likeliest();   // one of gate.scenes()
 * }</pre>
 */
public interface Gate extends AutoCloseable {

    /** Size the gate wants its input at. */
    InputSize inputSize();

    /** The scene names the gate tells apart, in output order; every {@link #classify} answer has exactly these. */
    List<String> scenes();

    /** Classifies one frame. */
    SceneProbabilities classify(ImageTensor input) throws InferenceException;

    @Override
    void close();
}
