package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.ResultSink;
import dev.triage.perception.spi.SpeedRecording;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The camera pipeline as its hosts use it: frames and speed through the typed ports, counters through the summary,
 * and replay feeding a recording's speed samples so that the policy sees the prior by stamp, deterministically.
 */
class CameraPipelineTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");

    /** Speed the policy saw, by frame stamp (ms); NaN for none. */
    private final Map<Long, Double> speedSeen = Collections.synchronizedMap(new TreeMap<>());
    private final List<PerceptionResult> results = Collections.synchronizedList(new ArrayList<>());

    private final Gate gate = StandIns.fixedGate(SCENES, List.of(0.6, 0.4));

    private CameraWorker.Builder worker() {
        return CameraWorker.builder().setGate(gate)
                .addExpert(new ExpertSlot("both", SCENES, StandIns.emptyExpert()))
                .setPolicy(in -> {
                    // the stamp of the frame being routed is the one whose result follows; record by result order
                    speedSeen.put((long) speedSeen.size(), in.speedMps().isPresent() ? in.speedMps().getAsDouble()
                            : Double.NaN);
                    return new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0);
                })
                .addSink((ResultSink) results::add);
    }

    private static Frame frame(long seq, long stampMs) {
        return new Frame(seq, stampMs * MS, System.nanoTime(), "cam",
                new Image.Raw(32, 24, "bgr8", 96, new byte[32 * 24 * 3]), Optional.empty());
    }

    /** A recording: frames every 100 ms from t=0; speed 10 m/s at 50 ms, 20 m/s at 250 ms, nothing after. */
    private static final class RecordingWithSpeed implements FrameSource, SpeedRecording {
        private final List<SpeedSample> pending = new ArrayList<>();
        private long seq;

        @Override
        public Optional<Frame> next() {
            if (seq == 16) {
                return Optional.empty();
            }
            long stampMs = seq * 100;
            if (stampMs == 100) {
                pending.add(new SpeedSample(10, 50 * MS));
            }
            if (stampMs == 300) {
                pending.add(new SpeedSample(20, 250 * MS));
                pending.add(new SpeedSample(99, 1_000_000 * MS));   // far ahead: never at or before a frame here
            }
            return Optional.of(frame(seq++, stampMs));
        }

        @Override
        public List<SpeedSample> drainSpeedSamples() {
            List<SpeedSample> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override
        public String describe() {
            return "recording-with-speed";
        }
    }

    @Test
    void replayFeedsARecordingsSpeedByStamp() throws InterruptedException {
        ReplayRun run = Pipeline.replay(new RecordingWithSpeed(), worker(),
                new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS), Long.MAX_VALUE);
        assertEquals(16, run.summary().framesProcessed());
        List<Double> seen = new ArrayList<>(speedSeen.values());
        // t=0: no sample yet; 100, 200: 10 m/s (50 ms); 300..1200: 20 m/s (250 ms, up to 1 s old); 1300 on: too old
        for (int i = 0; i < 16; i++) {
            long t = i * 100L;
            double expected = t < 100 ? Double.NaN : t < 300 ? 10 : t <= 1250 ? 20 : Double.NaN;
            assertEquals(expected, seen.get(i), 0.0, "speed prior of the frame at " + t + " ms");
        }
    }

    @Test
    void portsCountFramesAndRefuseThemAfterClose() throws InterruptedException {
        CameraPipeline pipeline = CameraPipeline.create(
                new PipelineSettings(1_000 * MS, 1, PipelineSettings.Delivery.LATEST_ONLY), worker());
        pipeline.speed().accept(new SpeedSample(30, 0));
        for (int i = 0; i < 3; i++) {      // before start: each offer replaces the last
            assertTrue(pipeline.frames().offer(frame(i, 100L * i)));
        }
        pipeline.start(WorkerThreads.plain());
        pipeline.frames().close();
        pipeline.awaitWorker();
        assertFalse(pipeline.frames().offer(frame(9, 900)));
        PipelineSummary s = pipeline.summary();
        assertEquals(3, s.framesIn());
        assertEquals(1, s.framesProcessed());
        assertEquals(2, s.framesDropped());
        assertEquals(List.of(2L), results.stream().map(PerceptionResult::seq).toList());
        assertEquals(30, speedSeen.get(0L), 0.0, "the sample 200 ms before the processed frame");
        pipeline.close();
    }
}
