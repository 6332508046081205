package dev.triage.perception.pipeline;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.image.DecodedImage;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.TensorPreprocessor;
import dev.triage.perception.spi.InferenceException;

import java.util.function.LongSupplier;

/**
 * One expert's run on one frame, on whichever thread ran it: its output and timings, or the failure it threw (kept,
 * so that the worker can report failures in the routing's order, as sequential execution would).
 *
 * @param slot            the expert
 * @param choice          which of the slot's experts ran (the full or the under-load input) and its stage
 * @param output          its output; null when it failed
 * @param failure         what it threw (an {@link InferenceException} or a RuntimeException); null when it succeeded
 * @param preprocessNanos time spent making its input tensor
 * @param expertNanos     time spent in the expert
 */
record ExpertRun(ExpertSlot slot, UnderLoadSizing.Choice choice, ExpertOutput output, Exception failure,
                 long preprocessNanos, long expertNanos) {

    /**
     * Preprocesses {@code image} for the expert that {@code choice} names (one of {@code slot}'s) with
     * {@code preprocessor} and runs it.
     */
    static ExpertRun of(ExpertSlot slot, UnderLoadSizing.Choice choice, DecodedImage image,
                        TensorPreprocessor preprocessor, LongSupplier clock) {
        long t0 = clock.getAsLong();
        long t1 = t0;
        try {
            ImageTensor input = preprocessor.toTensor(image, choice.expert().inputSize());
            t1 = clock.getAsLong();
            ExpertOutput output = choice.expert().infer(input, image.width(), image.height());
            return new ExpertRun(slot, choice, output, null, t1 - t0, clock.getAsLong() - t1);
        } catch (InferenceException | RuntimeException e) {
            return new ExpertRun(slot, choice, null, e, t1 - t0, clock.getAsLong() - t1);
        }
    }

    /** The stage its time is recorded under. */
    String stage() {
        return choice.stage();
    }

    /** The output; the failure is rethrown as the sequential run would have thrown it. */
    ExpertOutput result() throws InferenceException {
        if (failure instanceof InferenceException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return output;
    }
}
