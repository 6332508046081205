package dev.triage.perception.pipeline;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.spi.ResultSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput delivery against lossless delivery on the same frames: the same results and problems, in frame order,
 * with a policy whose decisions depend on the frames before, undecodable frames and an expert that fails on some
 * frames, while the lanes really run experts at the same time.
 */
class ThroughputDeliveryTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");
    private static final int FRAMES = 60;

    /** Experts running right now, over every lane, and the most seen at once. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** What a sink saw, in arrival order: "seq scene experts detections" or "seq problem kind". */
    private record Seen(List<String> events, List<Long> order) {
    }

    @Test
    void throughputKeepsLosslessResultsProblemsAndOrder() throws InterruptedException {
        Seen lossless = replay(PipelineSettings.Delivery.LOSSLESS, 1);
        mostAtOnce.set(0);
        Seen throughput = replay(PipelineSettings.Delivery.THROUGHPUT, 3);

        assertEquals(lossless.events(), throughput.events());
        assertEquals(FRAMES, throughput.order().size(), "one result or problem per frame");
        for (int i = 1; i < throughput.order().size(); i++) {
            assertTrue(throughput.order().get(i) > throughput.order().get(i - 1), "frame order at " + i);
        }
        assertTrue(lossless.events().stream().anyMatch(e -> e.contains("decode_failed")));
        assertTrue(lossless.events().stream().anyMatch(e -> e.contains("inference_failed")));
        assertTrue(lossless.events().stream().anyMatch(e -> e.contains(" highway ")), "the policy switched");
        assertTrue(mostAtOnce.get() >= 2, "lanes ran experts at the same time: at most " + mostAtOnce.get());
    }

    @Test
    void extraLanesNeedThroughputDeliveryAndTheSameExperts() {
        CameraWorker.Builder lossless = builder(new StickyPolicy(), new ArrayList<>())
                .addLane(gate(), List.of(new ExpertSlot("all", SCENES, expert())));
        assertThrows(IllegalArgumentException.class, () -> CameraPipeline.create(
                new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS), lossless));
        CameraWorker.Builder otherNames = builder(new StickyPolicy(), new ArrayList<>())
                .addLane(gate(), List.of(new ExpertSlot("other", SCENES, expert())));
        assertThrows(IllegalArgumentException.class, () -> CameraPipeline.create(
                new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.THROUGHPUT), otherNames));
    }

    @Test
    void throughputRefusesToDropAFrame() {
        try (CameraPipeline pipeline = CameraPipeline.create(
                new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.THROUGHPUT),
                builder(new StickyPolicy(), new ArrayList<>()))) {
            assertThrows(IllegalStateException.class, () -> pipeline.frames().offer(frame(0)));
        }
    }

    private Seen replay(PipelineSettings.Delivery delivery, int lanes) throws InterruptedException {
        List<String> events = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        ResultSink sink = new ResultSink() {
            @Override
            public void accept(PerceptionResult r) {
                order.add(r.seq());
                events.add(r.seq() + " " + r.context().scene() + " " + r.expertsRun() + " " + r.detections());
            }

            @Override
            public void onProblem(FrameProblem p) {
                order.add(p.seq());
                events.add(p.seq() + " problem " + p.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        };
        List<ResultSink> sinks = new ArrayList<>(List.of(sink));
        CameraWorker.Builder worker = builder(new StickyPolicy(), sinks);
        for (int i = 1; i < lanes; i++) {
            worker.addLane(gate(), List.of(new ExpertSlot("all", SCENES, expert())));
        }
        ReplayRun run = Pipeline.replay(new Frames(), worker, new PipelineSettings(1_000 * MS, 1, delivery),
                Long.MAX_VALUE);
        assertEquals(FRAMES, run.summary().framesProcessed() + run.summary().framesFailed(), "every frame counted");
        return new Seen(events, order);
    }

    private CameraWorker.Builder builder(ContextPolicy policy, List<ResultSink> sinks) {
        CameraWorker.Builder b = CameraWorker.builder().setGate(gate())
                .addExpert(new ExpertSlot("all", SCENES, expert())).setPolicy(policy);
        sinks.forEach(b::addSink);
        return b;
    }

    /** Frame {@code seq} is filled with the byte 4 * seq; every 7th frame (from 3) has a truncated image. */
    private static Frame frame(long seq) {
        byte[] pixels = new byte[32 * 24 * 3];
        java.util.Arrays.fill(pixels, (byte) (4 * seq));
        byte[] data = seq % 7 == 3 ? java.util.Arrays.copyOf(pixels, 100) : pixels;
        return new Frame(seq, seq * 50 * MS, System.nanoTime(), "cam", new Image.Raw(32, 24, "bgr8", 96, data),
                Optional.empty());
    }

    private static final class Frames implements FrameSource {
        private long seq;

        @Override
        public Optional<Frame> next() {
            return seq == FRAMES ? Optional.empty() : Optional.of(frame(seq++));
        }

        @Override
        public String describe() {
            return "stand-in frames";
        }
    }

    /** The frame's fill byte, read back from a tensor (0..255). */
    private static int fill(ImageTensor input) {
        return Math.round(input.floats().get(0) * 255);
    }

    /** A gate whose urban probability follows the frame's fill byte. */
    private static Gate gate() {
        return StandIns.gate(SCENES, input -> {
            double urban = 0.5 + 0.45 * Math.sin(fill(input) / 20.0);
            return new SceneProbabilities(SCENES, List.of(urban, 1 - urban));
        });
    }

    /** An expert that takes 0-4 ms, finds one box scored by the fill byte and fails on every 11th frame (from 5). */
    private Expert expert() {
        return StandIns.expert(input -> {
            int fill = fill(input);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep((fill * 7L) % 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            if ((fill / 4) % 11 == 5) {
                throw new InferenceException("stand-in failure on fill " + fill);
            }
            return new ExpertOutput(List.of(new Detection("car", fill / 255.0, new BoundingBox(0, 0, 4, 4))),
                    List.of());
        });
    }

    /**
     * Hysteresis: keeps its scene until the other is above 0.7, and runs both scenes' experts when the decided one is
     * under 0.6. Its answer depends on every frame before.
     */
    private static final class StickyPolicy implements ContextPolicy {
        private String scene = "urban";
        private int switches;

        @Override
        public SceneContext route(PolicyInput in) {
            String other = scene.equals("urban") ? "highway" : "urban";
            if (in.raw().of(other) > 0.7) {
                other = scene;
                scene = in.raw().scenes().get(1 - in.raw().scenes().indexOf(other));
                switches++;
            }
            List<String> chosen = in.raw().of(scene) < 0.6 ? List.of(scene, other) : List.of(scene);
            return new SceneContext(scene, in.raw(), in.raw(), chosen, false, switches);
        }
    }
}
