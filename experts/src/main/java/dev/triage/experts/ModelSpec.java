package dev.triage.experts;

import dev.triage.inference.OutputContract;
import dev.triage.perception.image.InputSize;

/**
 * What a {@link TorchScriptExpert} checks its model against: the input size the model was exported for and the output
 * shapes its decoder expects. Implemented by each expert's spec record.
 */
interface ModelSpec {

    /** The model's input size. */
    InputSize inputSize();

    /** The outputs the model must produce. */
    OutputContract outputContract();
}
