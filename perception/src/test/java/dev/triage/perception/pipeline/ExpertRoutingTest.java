package dev.triage.perception.pipeline;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.Stages;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.Gate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's routing from chosen scene names to expert slots, for any number of scenes. */
class ExpertRoutingTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway", "night");
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final StandIns.RecordingSink sink = new StandIns.RecordingSink();
    private final List<PerceptionResult> results = sink.results;
    private final List<FrameProblem> problems = sink.problems;
    private final List<Long> seenCosts = new ArrayList<>();

    private final Gate gate = StandIns.fixedGate(SCENES, List.of(0.1, 0.2, 0.7));


    private ExpertSlot slot(String name, long costMs, String... scenes) {
        return new ExpertSlot(name, List.of(scenes), StandIns.expert(input -> {
            clock.addAndGet(costMs * MS);
            return new ExpertOutput(List.of(), List.of());
        }));
    }

    private CameraWorker.Builder builder(ContextPolicy policy) {
        return CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS))
                .setGate(gate).setPolicy(policy).addSink(sink).setStats(new PipelineStats(50 * MS))
                .setMailbox(new LatestFrameMailbox()).optClock(clock::get);
    }

    private static ContextPolicy choose(String... scenes) {
        return in -> new SceneContext(scenes[0], in.raw(), in.raw(), List.of(scenes), false, 0);
    }

    private Frame frame(long seq) {
        return new Frame(seq, seq * 50 * MS, clock.get(), "cam", new Image.Raw(32, 24, "bgr8", 96, new byte[32 * 24 * 3]),
                Optional.of(GroundTruth.sceneOnly("night")));
    }

    @Test
    void runsEveryExpertOfEachChosenSceneOnceInSlotOrder() {
        CameraWorker worker = builder(choose("night", "urban"))
                .addExpert(slot("urban", 5, "urban"))
                .addExpert(slot("highway", 5, "highway"))
                .addExpert(slot("night_boxes", 3, "night"))
                .addExpert(slot("night_lanes", 2, "night", "highway"))
                .addExpert(slot("all_weather", 1, "urban", "night"))
                .build();
        worker.process(frame(0));
        PerceptionResult r = results.get(0);
        assertEquals(List.of("night_boxes", "night_lanes", "all_weather", "urban"), r.expertsRun());
        assertEquals("night", r.context().scene());
        assertEquals(3.0, r.timings().millis(Stages.expert("night_boxes")), 1e-9);
    }

    @Test
    void theCostOfASceneIsTheSumOfItsExperts() {
        CameraWorker worker = nightCostWatcher("night")
                .addExpert(slot("night_a", 3, "night"))
                .addExpert(slot("night_b", 2, "night"))
                .build();
        worker.process(frame(0));
        worker.process(frame(1));
        assertEquals(List.of(0L, 5 * MS), seenCosts);
    }

    /**
     * A worker with the urban and highway experts (5 ms each) whose policy notes in {@link #seenCosts} what the night
     * scene is expected to cost on each frame and then routes to {@code scene}; the test adds the night experts.
     */
    private CameraWorker.Builder nightCostWatcher(String scene) {
        return builder(in -> {
            seenCosts.add(in.costs().expectedNanos("night"));
            return new SceneContext(scene, in.raw(), in.raw(), List.of(scene), false, 0);
        })
                .addExpert(slot("urban", 5, "urban"))
                .addExpert(slot("highway", 5, "highway"));
    }

    /** An expert that also times a bare forward pass (like the TorchScript experts), reporting {@code forwardMs}. */
    private ExpertSlot timedSlot(String name, long forwardMs, String scene) {
        interface TimedExpert extends Expert, ForwardTimed {
        }
        return new ExpertSlot(name, List.of(scene), new TimedExpert() {
            @Override
            public InputSize inputSize() {
                return new InputSize(16, 12);
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) {
                return new ExpertOutput(List.of(), List.of());
            }

            @Override
            public long forwardOnlyNanos(ImageTensor input) {
                return forwardMs * MS;
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void aTimedExpertsCostIsKnownBeforeItsFirstFrame() {
        CameraWorker worker = nightCostWatcher("urban")
                .addExpert(timedSlot("night", 40, "night"))
                .build();
        worker.process(frame(0));
        assertEquals(List.of(40 * MS), seenCosts, "the seed is one measured forward pass, taken at start");
    }

    @Test
    void theScenesDecidedAreCountedByName() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = builder(choose("night"))
                .addExpert(slot("urban", 1, "urban")).addExpert(slot("highway", 1, "highway"))
                .addExpert(slot("night", 1, "night")).setStats(stats).build();
        worker.process(frame(0));
        worker.process(frame(1));
        assertEquals(1.0, stats.summary().sceneShare().get("night"), 1e-12);
        assertEquals(1.0, stats.summary().sceneAccuracy().orElseThrow(), 1e-12);
        assertEquals(1.0, stats.summary().expertShare().get("night"), 1e-12);
    }

    @Test
    void everyGateSceneNeedsAnExpertAndEveryExpertSceneMustBeTheGates() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> builder(choose("urban"))
                .addExpert(slot("urban", 1, "urban")).addExpert(slot("highway", 1, "highway")).build());
        assertTrue(missing.getMessage().contains("night"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> builder(choose("urban"))
                .addExpert(slot("urban", 1, "urban")).addExpert(slot("highway", 1, "highway"))
                .addExpert(slot("night", 1, "night", "tunnel")).build());
        assertTrue(unknown.getMessage().contains("tunnel"), unknown.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> builder(choose("urban"))
                .addExpert(slot("urban", 1, "urban")).addExpert(slot("urban", 1, "highway"))
                .addExpert(slot("night", 1, "night")).build());
        assertTrue(twice.getMessage().contains("urban"), twice.getMessage());
    }

    @Test
    void aChosenSceneTheGateDoesNotKnowFailsTheFrameNotTheWorker() {
        CameraWorker worker = builder(choose("tunnel"))
                .addExpert(slot("urban", 1, "urban")).addExpert(slot("highway", 1, "highway"))
                .addExpert(slot("night", 1, "night")).build();
        worker.process(frame(0));
        assertTrue(results.isEmpty());
        assertEquals(FrameProblem.Kind.INFERENCE_FAILED, problems.get(0).kind());
        assertTrue(problems.get(0).message().contains("tunnel"), problems.get(0).message());
    }
}
