package dev.triage.perception.pipeline;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.Gate;

import java.util.List;

/** Stand-in networks for the pipeline's bookkeeping tests (the real ones are tested in gating and experts). */
final class StandIns {

    private StandIns() {
    }

    /** A gate over {@code scenes} (8x6 input) that always answers {@code probabilities}. */
    static Gate fixedGate(List<String> scenes, List<Double> probabilities) {
        return new Gate() {
            @Override
            public InputSize inputSize() {
                return new InputSize(8, 6);
            }

            @Override
            public List<String> scenes() {
                return scenes;
            }

            @Override
            public SceneProbabilities classify(ImageTensor input) {
                return new SceneProbabilities(scenes, probabilities);
            }

            @Override
            public void close() {
            }
        };
    }

    /** An expert (16x12 input) that finds nothing. */
    static Expert emptyExpert() {
        return new Expert() {
            @Override
            public InputSize inputSize() {
                return new InputSize(16, 12);
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) {
                return new ExpertOutput(List.of(), List.of());
            }

            @Override
            public void close() {
            }
        };
    }
}
