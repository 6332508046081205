package dev.triage.perception.spi;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Scene;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

/**
 * A specialist network for one driving context. Loaded and warmed up before the first frame;
 * one instance per worker thread; not thread-safe.
 *
 * <pre>{@code
 * ExpertOutput out = expert.infer(prepared.tensor(expert.inputSize()), frameWidth, frameHeight);
 * }</pre>
 */
public interface Expert extends AutoCloseable {

    /** Short stable name used in stage timings and outputs, for example "urban". */
    String name();

    /** The context this expert serves. */
    Scene scene();

    /** Size the expert wants its input at. */
    InputSize inputSize();

    /**
     * Runs the expert on one frame.
     *
     * @param input       the frame resized to {@link #inputSize()}
     * @param frameWidth  original frame width; outputs are in these pixel coordinates
     * @param frameHeight original frame height
     */
    ExpertOutput infer(ImageTensor input, int frameWidth, int frameHeight) throws InferenceException;

    @Override
    void close();
}
