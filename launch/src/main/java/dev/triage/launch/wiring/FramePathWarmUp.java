package dev.triage.launch.wiring;

import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.gating.AllExpertsPolicy;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.pipeline.CameraPipeline;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs synthetic camera frames through a throwaway pipeline on a live node's loaded networks before the node's
 * pipeline exists, so that the JIT has compiled the whole frame path (raw-image decode, preprocessing, gate, every
 * expert with its output decoding, routing, the expert overlap) before the first camera image.
 *
 * <p>Why: the models are warmed up on blank inputs when they load, but the Java around them is still interpreted
 * then, and the compiler threads share the two cores with the worker. Measured on a 2-core host at 30 Hz, 1280x720:
 * without this, 6-20 of the first 25 frames missed the 50 ms deadline and the rest were on time; a node that had
 * already served 300 frames missed none of the next 320 (README, Real camera sizes).
 *
 * <p>The throwaway pipeline delivers every frame (lossless), runs every expert on each ({@link AllExpertsPolicy})
 * and has no sinks; the node's own pipeline, policy state and counters start afresh after it.
 */
final class FramePathWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(FramePathWarmUp.class);

    /** An urban and a highway scene at a common camera size; rendered once, cycled. */
    private static final String SCENES = "synthetic:seed=1,route=urban:2/highway:2,width=1280,height=720";
    private static final long FRAME_NANOS = 33_333_333L;

    private FramePathWarmUp() {
    }

    /**
     * Runs {@code config}'s {@code runtime.warmup_frames} frames through {@code stack}'s networks. Never fails the
     * node: a problem is logged and the node starts colder.
     *
     * @return what the throwaway pipeline did; empty when {@code warmup_frames} is 0 or the warm-up failed
     */
    static Optional<PipelineSummary> run(PerceptionStack stack, TriageConfig config) {
        int frames = config.runtime().frameWarmUps();
        if (frames == 0) {
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        try {
            List<Image> images = sceneImages();
            PipelineSettings settings = config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS);
            CameraWorker.Builder worker = stack.addTo(CameraWorker.builder(), new AllExpertsPolicy());
            PipelineSummary summary;
            try (CameraPipeline pipeline = CameraPipeline.create(settings, worker)) {
                pipeline.start(WorkerThreads.plain());
                for (int i = 0; i < frames; i++) {
                    pipeline.frames().put(new Frame(i, i * FRAME_NANOS, System.nanoTime(), "triage_warmup",
                            images.get(i % images.size()), Optional.empty()));
                }
                pipeline.frames().close();
                pipeline.awaitWorker();
                summary = pipeline.summary();
            }
            if (summary.framesProcessed() != frames) {
                LOG.warn("frame path warm-up: {} of {} synthetic frames processed ({})", summary.framesProcessed(),
                        frames, summary.problems());
            }
            LOG.info("frame path warmed up: {} synthetic 1280x720 frames, every expert, in {} ms", frames,
                    (System.nanoTime() - t0) / 1_000_000);
            return Optional.of(summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("frame path warm-up failed ({}); the first images may miss their deadlines", e.toString());
        }
        return Optional.empty();
    }

    /**
     * The rendered scenes, each as bgr8 and (the same bytes read the other way round) as rgb8: the two raw layouts
     * cameras send most take different conversion paths.
     */
    private static List<Image> sceneImages() {
        List<Image> images = new ArrayList<>();
        try (SyntheticDriveSource source = SyntheticDriveSource.fromSpec(SCENES)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Image.Raw bgr = (Image.Raw) f.get().image();
                images.add(bgr);
                images.add(new Image.Raw(bgr.width(), bgr.height(), "rgb8", bgr.step(), bgr.data()));
            }
        }
        return images;
    }
}
