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
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.InferenceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PipelineSettings#overlapExperts()} on real threads and the real clock: the guessed expert runs beside the
 * gate, the outputs equal sequential execution's over scene switches, a wrong guess is discarded and counted, and a
 * failing guess fails the frame only when the routing chose it.
 */
class ExpertOverlapTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");
    /** The gate's answer per frame: two switches. */
    private static final List<String> SCRIPT = List.of("urban", "urban", "urban", "highway", "highway", "urban",
            "urban");

    private final StandIns.RecordingSink sink = new StandIns.RecordingSink();
    private final List<String> expertThreads = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch expertStarted = new CountDownLatch(1);
    private volatile boolean gateSawExpertRunning;
    private volatile String failingExpert = "";
    private final AtomicInteger expertsRunning = new AtomicInteger();
    private final AtomicInteger mostExpertsAtOnce = new AtomicInteger();

    private CameraWorker worker(boolean overlap, PipelineStats stats) {
        int[] gateCalls = {0};
        return CameraWorker.builder()
                .setSettings(new PipelineSettings(1000 * MS, 1, PipelineSettings.Delivery.LOSSLESS, 8192, false,
                        overlap))
                .setGate(StandIns.gate(SCENES, input -> {
                    try {
                        // an overlapped expert has started by now (a frame without a guess gives up after a while)
                        gateSawExpertRunning |= expertStarted.await(overlap ? 500 : 30, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    String scene = SCRIPT.get(gateCalls[0]++ % SCRIPT.size());
                    return new SceneProbabilities(SCENES, scene.equals("urban") ? List.of(0.8, 0.2)
                            : List.of(0.3, 0.7));
                }))
                .addExpert(slot("urban"))
                .addExpert(slot("highway"))
                .setPolicy(ExpertOverlapTest::route)
                .addSink(sink)
                .setStats(stats)
                .setMailbox(new LatestFrameMailbox())
                .build();
    }

    /** The likeliest scene; both scenes (likeliest first) when it is below 0.75, as on the script's highway frames. */
    private static SceneContext route(ContextPolicy.PolicyInput in) {
        String top = in.raw().likeliest();
        boolean unsure = in.raw().of(top) < 0.75;
        List<String> chosen = unsure ? List.of(top, top.equals("urban") ? "highway" : "urban") : List.of(top);
        return new SceneContext(top, in.raw(), in.raw(), chosen, unsure, 0);
    }

    private ExpertSlot slot(String name) {
        return new ExpertSlot(name, List.of(name), StandIns.expert(input -> {
            expertThreads.add(Thread.currentThread().getName());
            expertStarted.countDown();
            mostExpertsAtOnce.accumulateAndGet(expertsRunning.incrementAndGet(), Math::max);
            sleep(60); // long enough for two runs to overlap even on a busy machine
            expertsRunning.decrementAndGet();
            if (failingExpert.equals(name)) {
                throw new InferenceException("model " + name + ".pt: forward failed");
            }
            return new ExpertOutput(List.of(new Detection(name, 0.9, new BoundingBox(1, 1, 4, 8))), List.of());
        }));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Frame frame(long seq) {
        return new Frame(seq, seq * 50 * MS, System.nanoTime(), "cam",
                new Image.Raw(32, 24, "bgr8", 96, new byte[32 * 24 * 3]), Optional.empty());
    }

    /** Scene, experts run and detection labels of each result, in order. */
    private List<String> outcomes(boolean overlap, PipelineStats stats) {
        sink.results.clear();
        try (CameraWorker worker = worker(overlap, stats)) {
            for (int i = 0; i < SCRIPT.size(); i++) {
                expertStarted = new CountDownLatch(1);
                worker.process(frame(i));
            }
        }
        List<String> out = new ArrayList<>();
        for (PerceptionResult r : sink.results) {
            out.add(r.context().scene() + " " + r.expertsRun() + " "
                    + r.detections().stream().map(Detection::label).toList());
        }
        return out;
    }

    @Test
    void overlappedOutputsEqualSequentialOnesAndWrongGuessesAreCounted() {
        PipelineStats sequential = new PipelineStats(1000 * MS);
        List<String> expected = outcomes(false, sequential);
        assertFalse(gateSawExpertRunning, "sequential: no expert runs while the gate does");
        assertEquals(1, mostExpertsAtOnce.get(), "sequential: one expert at a time");
        PipelineStats overlapped = new PipelineStats(1000 * MS);
        List<String> actual = outcomes(true, overlapped);
        assertEquals(expected, actual);
        assertEquals(SCRIPT.size(), actual.size());
        assertTrue(gateSawExpertRunning, "overlapped: the guessed expert runs while the gate classifies");
        assertTrue(expertThreads.stream().anyMatch(t -> t.endsWith("-expert")), expertThreads.toString());
        assertEquals(2, mostExpertsAtOnce.get(), "overlapped: the second chosen expert runs beside the guessed one");
        assertTrue(expected.contains("highway [highway, urban] [highway, urban]"), expected.toString());
        // frame 3 (both chosen) took the guess urban; frame 5 (urban) did not take the guess highway
        long discarded = overlapped.summary().latencyMs().entrySet().stream()
                .filter(e -> e.getKey().startsWith("speculation.discarded:"))
                .mapToLong(e -> e.getValue().count()).sum();
        assertEquals(1, discarded, overlapped.summary().latencyMs().keySet().toString());
        assertFalse(sequential.summary().latencyMs().containsKey(Stages.speculationDiscarded("urban")));
    }

    @Test
    void theWarmUpOfTheOverlapThreadIsNotCountedAsFramesWork() {
        PipelineStats stats = new PipelineStats(1000 * MS);
        try (CameraWorker worker = worker(true, stats)) {
            // built and warmed up, no frame yet: no stage may have times (the node publishes these before any image)
            assertEquals(List.of(), List.copyOf(stats.summary().latencyMs().keySet().stream()
                    .filter(stage -> !stage.equals(Stages.END_TO_END)).toList()));
        }
    }

    @Test
    void aFailingGuessFailsOnlyTheFramesThatChoseIt() {
        failingExpert = "highway";
        PipelineStats stats = new PipelineStats(1000 * MS);
        outcomes(true, stats);
        // frames 3 and 4 chose highway and urban (frame 5's guess was highway too, but it chose urban only)
        List<Long> failed = sink.problems.stream()
                .filter(p -> p.kind() == FrameProblem.Kind.INFERENCE_FAILED).map(FrameProblem::seq).toList();
        assertEquals(List.of(3L, 4L), failed);
        assertTrue(sink.problems.get(0).message().contains("highway.pt"), sink.problems.get(0).message());
        assertEquals(List.of(0L, 1L, 2L, 5L, 6L), sink.results.stream().map(PerceptionResult::seq).toList());
    }
}
