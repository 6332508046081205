package dev.triage.perception.pipeline;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.Stages;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.ForwardTimed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The under-load input ({@link UnderLoadSizing}) with a fake clock: a live frame whose deadline leaves less time than
 * the expert's recent cost gets the smaller input and is on time; one with time to spare, and every lossless frame,
 * gets the full input.
 */
class UnderLoadSizingTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final StandIns.RecordingSink sink = new StandIns.RecordingSink();

    /** An expert that takes {@code costMs} of the fake clock and answers one detection scored {@code score}. */
    private Expert expert(InputSize size, long costMs, double score) {
        return StandIns.expert(size, input -> {
            clock.addAndGet(costMs * MS);
            return new ExpertOutput(List.of(new Detection("pedestrian", score, new BoundingBox(1, 1, 4, 8))),
                    List.of());
        });
    }

    private CameraWorker worker(PipelineSettings.Delivery delivery, boolean overlap) {
        return worker(new PipelineSettings(50 * MS, 1, delivery, 8192, false, overlap),
                new ExpertSlot("urban", List.of("urban"), expert(new InputSize(32, 24), 30, 0.9),
                        expert(new InputSize(16, 12), 10, 0.5)));
    }

    private CameraWorker worker(PipelineSettings settings, ExpertSlot urban) {
        return CameraWorker.builder()
                .setSettings(settings)
                .setGate(StandIns.fixedGate(SCENES, List.of(0.9, 0.1)))
                .addExpert(urban)
                .addExpert(new ExpertSlot("highway", List.of("highway"), StandIns.emptyExpert()))
                .setPolicy(in -> new SceneContext(in.raw().likeliest(), in.raw(), in.raw(),
                        List.of(in.raw().likeliest()), false, 0))
                .addSink(sink)
                .setStats(new PipelineStats(50 * MS))
                .setMailbox(new LatestFrameMailbox())
                .optClock(clock::get)
                .build();
    }

    private Frame frame(long seq, long capturedMsAgo) {
        return new Frame(seq, seq * 33 * MS, clock.get() - capturedMsAgo * MS, "cam",
                new Image.Raw(32, 24, "bgr8", 96, new byte[32 * 24 * 3]), Optional.empty());
    }

    @ParameterizedTest(name = "expert overlap {0}")
    @ValueSource(booleans = {false, true})
    void aLiveFrameThatWaitedRunsTheUnderLoadInputAndMeetsItsDeadline(boolean overlap) {
        try (CameraWorker worker = worker(PipelineSettings.Delivery.LATEST_ONLY, overlap)) {
            worker.process(frame(0, 0));   // 50 ms left: the full input (30 ms), which the cost model learns
            worker.process(frame(1, 25));  // 25 ms left: 30 ms would miss, the under-load input (10 ms) does not
            worker.process(frame(2, 0));   // caught up: the full input again
        }
        List<PerceptionResult> r = sink.results;
        assertEquals(3, r.size());
        assertTrue(r.get(0).timings().nanosByStage().containsKey(Stages.expert("urban")));
        assertEquals(0.9, r.get(0).detections().get(0).score(), 1e-9);

        PerceptionResult late = r.get(1);
        assertEquals(List.of("urban"), late.expertsRun(), "the same expert by name");
        assertEquals(10.0, late.timings().millis(Stages.expertUnderLoad("urban")), 1e-9);
        assertFalse(late.timings().nanosByStage().containsKey(Stages.expert("urban")));
        assertEquals(0.5, late.detections().get(0).score(), 1e-9, "the under-load expert's output");
        assertTrue(late.deadlineMet(), "latency " + late.latencyNanos() / 1e6 + " ms");

        assertEquals(0.9, r.get(2).detections().get(0).score(), 1e-9);
    }

    @Test
    void losslessDeliveryAlwaysRunsTheFullInput() {
        try (CameraWorker worker = worker(PipelineSettings.Delivery.LOSSLESS, false)) {
            worker.process(frame(0, 0));
            worker.process(frame(1, 45)); // a capture stamp long gone: lossless deadlines start when taken
        }
        assertEquals(2, sink.results.size());
        sink.results.forEach(r -> {
            assertEquals(0.9, r.detections().get(0).score(), 1e-9);
            assertFalse(r.timings().nanosByStage().containsKey(Stages.expertUnderLoad("urban")));
        });
    }

    /** A timed stand-in: its cost (ms on the fake clock, and its bare forward) is read from {@code costMs}. */
    private abstract static class TimedExpert implements Expert, ForwardTimed {
    }

    private Expert timedExpert(InputSize size, long[] costMs, double score) {
        return new TimedExpert() {
            @Override
            public InputSize inputSize() {
                return size;
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) {
                clock.addAndGet(costMs[0] * MS);
                return new ExpertOutput(List.of(new Detection("pedestrian", score, new BoundingBox(1, 1, 4, 8))),
                        List.of());
            }

            @Override
            public long forwardOnlyNanos(ImageTensor input) {
                return costMs[0] * MS;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theExpectedFullCostFollowsTheMachineThroughUnderLoadRunsAndTheFullInputComesBack() {
        long[] fullMs = {30};
        long[] underMs = {10};
        ExpertSlot urban = new ExpertSlot("urban", List.of("urban"), timedExpert(new InputSize(32, 24), fullMs, 0.9),
                timedExpert(new InputSize(16, 12), underMs, 0.5));
        List<Double> scores = new java.util.ArrayList<>();
        try (CameraWorker worker = worker(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LATEST_ONLY),
                urban)) {
            worker.process(frame(0, 0));                    // seeds 30 / 10 ms: the full input fits
            fullMs[0] = 60;                                  // the machine slows down by half
            underMs[0] = 20;
            for (int seq = 1; seq <= 10; seq++) {
                worker.process(frame(seq, 0));
            }
            fullMs[0] = 30;                                  // and recovers
            underMs[0] = 10;
            for (int seq = 11; seq <= 60; seq++) {
                worker.process(frame(seq, 0));
            }
        }
        sink.results.forEach(r -> scores.add(r.detections().get(0).score()));
        assertEquals(0.9, scores.get(1), 1e-9, "the first slow run is full: nothing showed the slowdown yet");
        assertFalse(sink.results.get(1).deadlineMet());
        for (int seq = 2; seq <= 10; seq++) {
            assertEquals(0.5, scores.get(seq), 1e-9, "slow machine, frame " + seq + ": under load");
            assertTrue(sink.results.get(seq).deadlineMet());
        }
        int back = scores.subList(11, scores.size()).indexOf(0.9);
        assertTrue(back >= 0 && back < 40, "the full input came back after " + back + " calm frames: " + scores);
        assertTrue(scores.subList(11 + back, scores.size()).stream().allMatch(s -> s == 0.9), scores.toString());
    }

    @Test
    void theUnderLoadInputMustBeSmaller() {
        Expert full = StandIns.expert(new InputSize(32, 24), input -> new ExpertOutput(List.of(), List.of()));
        Expert same = StandIns.expert(new InputSize(24, 32), input -> new ExpertOutput(List.of(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExpertSlot("urban", List.of("urban"), full, same));
        assertTrue(e.getMessage().contains("under-load input 24x32"), e.getMessage());
    }

    @Test
    void theRoutingIsToldTheCostOfTheInputThatWouldRunKeptCurrentThroughUnderLoadRuns() {
        CostTracker costs = new CostTracker();
        costs.record(Stages.expert("urban"), 30 * MS);            // the warm-up seeds
        costs.record(Stages.expertUnderLoad("urban"), 10 * MS);
        ExpertSlot slot = new ExpertSlot("urban", List.of("urban"), expert(new InputSize(32, 24), 30, 0.9),
                expert(new InputSize(16, 12), 10, 0.5));
        UnderLoadSizing sizing = new UnderLoadSizing(true, costs, List.of(slot));
        assertEquals(30 * MS, sizing.expectedNanos(slot, 50 * MS), "the full input fits: its cost");
        assertEquals(10 * MS, sizing.expectedNanos(slot, 20 * MS), "it does not: the under-load input's");
        for (int i = 0; i < CostTracker.WINDOW; i++) {             // the machine slows down by half
            UnderLoadSizing.Choice choice = sizing.choose(slot, 20 * MS);
            costs.record(choice.stage(), 20 * MS);
            sizing.record(slot, choice, 20 * MS);
        }
        assertEquals(30 * MS, costs.expectedNanos(Stages.expert("urban")), "the full input's own runs are stale");
        assertEquals(60 * MS, sizing.expectedNanos(slot, 100 * MS), "the full input's cost as the machine is now");
        assertEquals(20 * MS, sizing.expectedNanos(slot, 50 * MS), "under load: the under-load input's recent cost");
    }

    @Test
    void withoutAnUnderLoadExpertTheFullInputRunsAndMisses() {
        CostTracker costs = new CostTracker();
        costs.record(Stages.expert("urban"), 30 * MS);
        ExpertSlot slot = new ExpertSlot("urban", List.of("urban"), StandIns.emptyExpert());
        UnderLoadSizing.Choice choice = new UnderLoadSizing(true, costs, List.of(slot)).choose(slot, 5 * MS);
        assertEquals(Stages.expert("urban"), choice.stage());
    }
}
