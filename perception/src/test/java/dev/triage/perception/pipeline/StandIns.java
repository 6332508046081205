package dev.triage.perception.pipeline;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.spi.ResultSink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stand-in networks for the pipeline's bookkeeping tests (the real ones are tested in gating and experts), also for
 * the node tests of the ROS modules (this module's test-jar).
 */
public final class StandIns {

    private StandIns() {
    }

    /** A gate over {@code scenes} (8x6 input) that always answers {@code probabilities}. */
    static Gate fixedGate(List<String> scenes, List<Double> probabilities) {
        return gate(scenes, input -> new SceneProbabilities(scenes, probabilities));
    }

    /** A gate over {@code scenes} (8x6 input) whose answer is computed from its input. */
    static Gate gate(List<String> scenes, Function<ImageTensor, SceneProbabilities> answer) {
        return gate(new InputSize(8, 6), scenes, answer);
    }

    /** A gate over {@code scenes} taking {@code inputSize} whose answer is computed from its input. */
    public static Gate gate(InputSize inputSize, List<String> scenes,
                            Function<ImageTensor, SceneProbabilities> answer) {
        return new Gate() {
            @Override
            public InputSize inputSize() {
                return inputSize;
            }

            @Override
            public List<String> scenes() {
                return scenes;
            }

            @Override
            public SceneProbabilities classify(ImageTensor input) {
                return answer.apply(input);
            }

            @Override
            public void close() {
            }
        };
    }

    /** An expert (16x12 input) that finds nothing. */
    static Expert emptyExpert() {
        return expert(input -> new ExpertOutput(List.of(), List.of()));
    }

    /** What a stand-in expert answers for its input. */
    @FunctionalInterface
    public interface Answer {
        /** The expert's output for {@code input}. */
        ExpertOutput apply(ImageTensor input) throws InferenceException;
    }

    /** A sink that keeps every result and every problem, in order, for the test to read. */
    static final class RecordingSink implements ResultSink {
        /** Results in delivery order. */
        final List<PerceptionResult> results = new ArrayList<>();
        /** Problems in report order. */
        final List<FrameProblem> problems = new ArrayList<>();

        @Override
        public void accept(PerceptionResult result) {
            results.add(result);
        }

        @Override
        public void onProblem(FrameProblem problem) {
            problems.add(problem);
        }
    }

    /** An expert (16x12 input) whose answer is computed from its input. */
    static Expert expert(Answer answer) {
        return expert(new InputSize(16, 12), answer);
    }

    /** An expert taking {@code inputSize} whose answer is computed from its input. */
    public static Expert expert(InputSize inputSize, Answer answer) {
        return new Expert() {
            @Override
            public InputSize inputSize() {
                return inputSize;
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) throws InferenceException {
                return answer.apply(input);
            }

            @Override
            public void close() {
            }
        };
    }
}
