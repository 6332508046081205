package dev.triage.perception.pipeline;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.Stages;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounting of the worker with a fake clock and scripted stand-in models: the networks are not under test here
 * (they have their own tests in gating and experts); the drop, deadline and failure bookkeeping is.
 */
class CameraWorkerTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicInteger gateCalls = new AtomicInteger();
    private final StandIns.RecordingSink sink = new StandIns.RecordingSink();
    private final List<PerceptionResult> results = sink.results;
    private final List<FrameProblem> problems = sink.problems;
    private long urbanCostNanos = 5 * MS;
    private boolean urbanFails;


    private final Gate gate = StandIns.gate(SCENES, input -> {
        gateCalls.incrementAndGet();
        clock.addAndGet(MS);
        return new SceneProbabilities(SCENES, List.of(0.9, 0.1));
    });

    private ExpertSlot expert(String name, String scene) {
        return new ExpertSlot(name, List.of(scene), StandIns.expert(input -> {
            if (scene.equals("urban") && urbanFails) {
                throw new InferenceException("model urban.pt: forward failed");
            }
            clock.addAndGet(urbanCostNanos);
            return new ExpertOutput(List.of(new Detection("pedestrian", 0.9, new BoundingBox(1, 1, 4, 8))), List.of());
        }));
    }

    private CameraWorker worker(PipelineSettings.Delivery delivery, int gateEvery, PipelineStats stats) {
        return CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, gateEvery, delivery))
                .setGate(gate)
                .addExpert(expert("urban", "urban"))
                .addExpert(expert("highway", "highway"))
                .setPolicy(in -> new SceneContext(in.raw().likeliest(), in.raw(), in.raw(),
                        List.of(in.raw().likeliest()), false, 0))
                .addSink(sink)
                .setStats(stats)
                .setMailbox(new LatestFrameMailbox())
                .optClock(clock::get)
                .build();
    }

    private Frame frame(long seq, long captureMono) {
        byte[] pixels = new byte[32 * 24 * 3];
        return new Frame(seq, seq * 50 * MS, captureMono, "cam", new Image.Raw(32, 24, "bgr8", 96, pixels),
                Optional.of(GroundTruth.sceneOnly("urban")));
    }

    @Test
    void processesAFrameWithTimingsKeyedByStageName() {
        PipelineStats stats = new PipelineStats(50 * MS);
        worker(PipelineSettings.Delivery.LATEST_ONLY, 1, stats).process(frame(0, clock.get()));
        PerceptionResult r = results.get(0);
        assertEquals(List.of("urban"), r.expertsRun());
        assertEquals(1, r.detections().size());
        assertTrue(r.deadlineMet());
        assertEquals(1.0, r.timings().millis(Stages.GATE), 1e-9);
        assertEquals(5.0, r.timings().millis(Stages.expert("urban")), 1e-9);
        assertTrue(r.timings().nanosByStage().keySet().containsAll(
                List.of(Stages.DECODE, Stages.PREPROCESS, Stages.GATE, Stages.POSTPROCESS)));
        assertEquals(6 * MS, r.latencyNanos());
        assertEquals(1.0, stats.summary().sceneAccuracy().orElseThrow(), 1e-9);
    }

    @Test
    void lateResultIsCountedAsADeadlineMiss() {
        PipelineStats stats = new PipelineStats(50 * MS);
        urbanCostNanos = 60 * MS;
        worker(PipelineSettings.Delivery.LATEST_ONLY, 1, stats).process(frame(0, clock.get()));
        assertFalse(results.get(0).deadlineMet());
        assertEquals(1, stats.summary().deadlineMisses());
        assertEquals(1, stats.summary().framesProcessed());
    }

    @Test
    void staleFrameIsDroppedAndReportedNotProcessed() {
        PipelineStats stats = new PipelineStats(50 * MS);
        worker(PipelineSettings.Delivery.LATEST_ONLY, 1, stats).process(frame(3, clock.get() - 51 * MS));
        assertTrue(results.isEmpty());
        assertEquals(FrameProblem.Kind.DROPPED_STALE, problems.get(0).kind());
        assertEquals(1, stats.summary().framesDropped());
        assertEquals(0, gateCalls.get());
    }

    @Test
    void aFreshFrameIsProcessedEvenWhenItWillBeLateAndCountedAsAMiss() {
        // The newest frame is always worth trying: dropping it on a cost estimate would starve the estimate too.
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = worker(PipelineSettings.Delivery.LATEST_ONLY, 1, stats);
        urbanCostNanos = 20 * MS;
        worker.process(frame(0, clock.get()));
        worker.process(frame(1, clock.get() - 35 * MS)); // 15 ms left, the path costs 21 ms
        assertEquals(2, results.size());
        assertFalse(results.get(1).deadlineMet());
        assertTrue(problems.isEmpty());
        assertEquals(1, stats.summary().deadlineMisses());
    }

    @Test
    void losslessReplayNeverDropsAFrameAsStale() {
        PipelineStats stats = new PipelineStats(50 * MS);
        urbanCostNanos = 80 * MS;
        CameraWorker worker = worker(PipelineSettings.Delivery.LOSSLESS, 1, stats);
        worker.process(frame(0, clock.get()));
        worker.process(frame(1, clock.get() - 500 * MS));
        assertEquals(2, results.size());
        assertEquals(2, stats.summary().deadlineMisses());
        assertTrue(problems.isEmpty());
    }

    @Test
    void losslessDeliveryMeasuresTheDeadlineFromTakeTime() {
        PipelineStats stats = new PipelineStats(50 * MS);
        worker(PipelineSettings.Delivery.LOSSLESS, 1, stats).process(frame(0, clock.get() - 500 * MS));
        assertTrue(results.get(0).deadlineMet());
    }

    @Test
    void corruptImageIsCountedAndTheNextFrameStillWorks() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = worker(PipelineSettings.Delivery.LOSSLESS, 1, stats);
        worker.process(new Frame(0, 0, 0, "bad.jpg", new Image.Encoded("jpeg", new byte[] {1, 2, 3}), Optional.empty()));
        worker.process(new Frame(1, 0, 0, "cam", new Image.Raw(4, 4, "yuv422", 8, new byte[32]), Optional.empty()));
        worker.process(frame(2, clock.get()));
        assertEquals(List.of(FrameProblem.Kind.DECODE_FAILED, FrameProblem.Kind.DECODE_FAILED),
                problems.stream().map(FrameProblem::kind).toList());
        assertTrue(problems.get(0).message().contains("bad.jpg"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("yuv422"), problems.get(1).message());
        assertEquals(1, results.size());
        assertEquals(2, stats.summary().framesFailed());
    }

    @Test
    void failingExpertIsCountedNotFatal() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = worker(PipelineSettings.Delivery.LOSSLESS, 1, stats);
        urbanFails = true;
        worker.process(frame(0, clock.get()));
        urbanFails = false;
        worker.process(frame(1, clock.get()));
        assertEquals(FrameProblem.Kind.INFERENCE_FAILED, problems.get(0).kind());
        assertTrue(problems.get(0).message().contains("urban.pt"));
        assertEquals(1, results.size());
    }

    @Test
    void gateRunsEveryNthFrameOnly() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = worker(PipelineSettings.Delivery.LOSSLESS, 3, stats);
        for (int i = 0; i < 9; i++) {
            worker.process(frame(i, clock.get()));
        }
        assertEquals(3, gateCalls.get());
        assertEquals(9, results.size());
    }

    @Test
    void replacedFramesAreReportedByTheRunningWorker() throws Exception {
        LatestFrameMailbox mailbox = new LatestFrameMailbox();
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LATEST_ONLY))
                .setGate(gate).addExpert(expert("urban", "urban")).addExpert(expert("highway", "highway"))
                .setPolicy(in -> new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0))
                .addSink(sink).setStats(stats).setMailbox(mailbox).optClock(clock::get).build();
        mailbox.offer(frame(0, clock.get()));
        mailbox.offer(frame(1, clock.get()));
        mailbox.close();
        worker.run();
        assertEquals(List.of(1L), results.stream().map(PerceptionResult::seq).toList());
        assertEquals(FrameProblem.Kind.DROPPED_REPLACED, problems.get(0).kind());
        assertEquals(0, problems.get(0).seq());
    }

    /**
     * D4/D6: a decompression bomb and a damaged JPEG are decode_failed frames counted by name (too_large, damaged),
     * never processed; a JPEG with two stray bytes before its end marker is processed and counted as a
     * decode_warning.
     */
    @Test
    void bombsAndDamagedJpegsAreNamedProblemsAndStrayBytesAWarning() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker w = worker(PipelineSettings.Delivery.LOSSLESS, 1, stats);
        byte[] jpeg = dev.triage.perception.image.TestImages.encode(".jpg");
        byte[] bomb = dev.triage.perception.image.TestImages.claimSize(jpeg, 30000, 30000);
        byte[] damaged = dev.triage.perception.image.TestImages.damage(jpeg,
                dev.triage.perception.image.TestImages.scanStart(jpeg), 0);
        byte[] stray = java.util.Arrays.copyOf(jpeg, jpeg.length + 2);
        stray[jpeg.length - 2] = 1;
        stray[jpeg.length - 1] = 2;
        stray[jpeg.length] = (byte) 0xFF;
        stray[jpeg.length + 1] = (byte) 0xD9;
        long seq = 0;
        for (byte[] data : List.of(bomb, damaged, stray, jpeg)) {
            w.process(new Frame(seq, seq, clock.get(), "cam", new Image.Encoded("jpeg", data), Optional.empty()));
            seq++;
        }
        assertEquals(2, results.size(), "the stray-byte and the clean JPEG are processed");
        assertEquals(List.of(FrameProblem.Kind.DECODE_FAILED, FrameProblem.Kind.DECODE_FAILED),
                problems.stream().map(FrameProblem::kind).toList());
        assertTrue(problems.get(0).message().contains("30000x30000"), problems.get(0).message());
        assertEquals(java.util.Map.of("too_large", 1L, "damaged", 1L, PipelineStats.DECODE_WARNING, 1L),
                stats.decodeIssues());
        assertEquals(2, stats.summary().framesProcessed());
    }
}
