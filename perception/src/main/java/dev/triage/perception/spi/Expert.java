package dev.triage.perception.spi;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;

/**
 * A specialist network. Loaded and warmed up before the first frame; one instance per worker thread; not
 * thread-safe. Which scenes it serves and the name it is known by are configuration, not part of the network: the
 * worker receives each expert in an {@link dev.triage.perception.pipeline.ExpertSlot}.
 *
 * <pre>{@code
 * ExpertOutput out = expert.infer(prepared.tensor(expert.inputSize()), frameWidth, frameHeight);
 * }</pre>
 */
public interface Expert extends AutoCloseable {

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
