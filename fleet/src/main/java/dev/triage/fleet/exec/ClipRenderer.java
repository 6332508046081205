package dev.triage.fleet.exec;

import dev.triage.fleet.store.LocalCopy;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.output.H264File;
import dev.triage.launch.output.OverlayVideoTap;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.pipeline.ReplayRun;
import dev.triage.perception.render.OverlayRenderer;
import dev.triage.perception.render.SideBySide;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.ResultSink;
import dev.triage.perception.spi.SourceException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders one A/B clip on an executor: replays the segment's task up to the segment's end through the candidate and
 * through the baseline (so both policies reach the segment in the state the fleet run had; the results of the
 * frames before it are discarded), re-reads only the segment's frames from the recording, draws each side with the
 * shared {@link OverlayRenderer} and writes the pairs ({@link SideBySide}, candidate left) as an h264 mp4
 * ({@link H264File}, the format of replay's {@code overlay.mp4}). Never throws for a bad recording: the outcome
 * carries the error and the frames written before it.
 *
 * @param runner the task runner of the fleet run (its variants, models and pool)
 * @param dir    the clips folder
 */
public record ClipRenderer(TaskRunner runner, Path dir) {

    /** Renders {@code plan} into {@code dir} (a remote recording is read from a local copy, deleted after). */
    public ClipOutcome render(ClipPlan plan) {
        try (LocalCopy local = runner.stage(plan.task())) {
            return render(plan, local);
        } catch (IOException e) {
            return failed(plan, new Writer(dir.resolve(plan.file())), e.getMessage());
        }
    }

    private ClipOutcome render(ClipPlan plan, LocalCopy local) {
        Writer writer = new Writer(dir.resolve(plan.file()));
        try {
            Files.createDirectories(dir);
            Map<Long, PerceptionResult> candidate = segmentResults(plan, local.spec(), runner.candidate());
            Map<Long, PerceptionResult> baseline = segmentResults(plan, local.spec(), runner.baseline());
            double budgetMs = VariantConfig.load(runner.candidate(), runner.modelsRoot()).budgetMs();
            drawSegment(plan, local.spec(), candidate, baseline, new OverlayRenderer(budgetMs), writer,
                    caption(plan, runner.candidate()), caption(plan, runner.baseline()));
            writer.finish();
            return new ClipOutcome(plan, writer.written, writer.written == plan.frames() ? null
                    : plan.task().recording().spec() + ": clip " + plan.file() + " has " + writer.written + " of "
                    + plan.frames() + " frames (the recording ended early)");
        } catch (SourceException | ConfigException | StackFactory.StackException | IOException e) {
            return failed(plan, writer, local.nameUri(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(plan, writer, "interrupted");
        } catch (RuntimeException e) {
            return failed(plan, writer, local.nameUri(e.toString()));
        }
    }

    private static ClipOutcome failed(ClipPlan plan, Writer writer, String message) {
        writer.abandon();
        String error = message != null && message.contains(plan.task().recording().spec()) ? message
                : plan.task().recording().spec() + ": " + message;
        return new ClipOutcome(plan, writer.written, "clip " + plan.file() + ": " + error);
    }

    /** The variant's results on the segment's frames, by seq. */
    private Map<Long, PerceptionResult> segmentResults(ClipPlan plan, String localSpec, Variant variant)
            throws SourceException, ConfigException, StackFactory.StackException, InterruptedException {
        Map<Long, PerceptionResult> kept = new ConcurrentHashMap<>();
        ResultSink keep = r -> {
            if (r.seq() >= plan.segment().firstSeq() && r.seq() <= plan.segment().lastSeq()) {
                kept.put(r.seq(), r);
            }
        };
        ReplayRun run = runner.replayInto(plan.replayRange(), localSpec, variant, keep);
        if (run.sourceError().isPresent() && kept.isEmpty()) {
            throw run.sourceError().get();
        }
        return kept;
    }

    private static void drawSegment(ClipPlan plan, String localSpec, Map<Long, PerceptionResult> candidate,
                                     Map<Long, PerceptionResult> baseline, OverlayRenderer renderer, Writer writer,
                                     String leftCaption, String rightCaption)
            throws SourceException, IOException {
        FrameDecoder decoder = new FrameDecoder();
        try (FrameSource source = new FrameRange(SourceFactory.open(localSpec),
                plan.segment().firstSeq())) {
            writer.fps = source.nominalFps().orElse(stampFps(plan));
            for (int i = 0; i < plan.frames(); i++) {
                Optional<Frame> frame = source.next();
                if (frame.isEmpty()) {
                    return;
                }
                Mat pair = pair(frame.get(), decoder, renderer, candidate.get(frame.get().seq()),
                        baseline.get(frame.get().seq()), leftCaption, rightCaption);
                try {
                    writer.write(pair);
                } finally {
                    pair.release();
                }
            }
        }
    }

    /** "candidate: gated, fast.yaml  drive.bag 120..159": the side, its policy and configuration, the frames. */
    private static String caption(ClipPlan plan, Variant side) {
        String config = side.configName() == null ? "defaults" : Path.of(side.configName()).getFileName().toString();
        return side.label() + ": " + side.policy() + ", " + config + "  " + plan.driveId() + " "
                + plan.segment().firstSeq() + ".." + plan.segment().lastSeq();
    }

    /** Frame rate from the segment's stamps, else replay's default. */
    private static double stampFps(ClipPlan plan) {
        long span = plan.segment().lastStampNs() - plan.segment().firstStampNs();
        double fps = plan.frames() > 1 && span > 0 ? (plan.frames() - 1) * 1e9 / span : 0;
        return fps >= 1 && fps <= 240 ? fps : OverlayVideoTap.DEFAULT_FPS;
    }

    private static Mat pair(Frame frame, FrameDecoder decoder, OverlayRenderer renderer, PerceptionResult left,
                            PerceptionResult right, String leftCaption, String rightCaption) {
        Mat bgr;
        try {
            bgr = decoder.decode(frame.image());
        } catch (Exception e) {
            bgr = OverlayRenderer.placeholder(left != null ? left.width() : 640, left != null ? left.height() : 480);
        }
        Mat a = bgr.clone();
        Mat b = bgr.clone();
        try {
            if (left != null) {
                renderer.drawResult(a, left);
            }
            if (right != null) {
                renderer.drawResult(b, right);
            }
            return SideBySide.compose(a, left != null ? leftCaption : leftCaption + " (no result)", b,
                    right != null ? rightCaption : rightCaption + " (no result)");
        } finally {
            a.release();
            b.release();
            bgr.release();
        }
    }

    /** The clip's mp4, started with the first pair's size. */
    private static final class Writer {
        private final Path file;
        private final OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat();
        private H264File.Started video;
        private double fps = OverlayVideoTap.DEFAULT_FPS;
        private int written;

        Writer(Path file) {
            this.file = file;
        }

        void write(Mat pair) throws IOException {
            if (video == null) {
                avutil.av_log_set_level(avutil.AV_LOG_FATAL); // FFmpeg stays quiet: its failures come back as exceptions
                video = H264File.start(file, pair.cols(), pair.rows(), fps);
            }
            Mat sized = pair;
            if (pair.cols() != video.recorder().getImageWidth() || pair.rows() != video.recorder().getImageHeight()) {
                sized = new Mat();
                Imgproc.resize(pair, sized, new Size(video.recorder().getImageWidth(),
                        video.recorder().getImageHeight()), 0, 0, Imgproc.INTER_AREA);
            }
            try {
                video.recorder().record(converter.convert(sized));
                written++;
            } catch (Exception e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            } finally {
                if (sized != pair) {
                    sized.release();
                }
            }
        }

        void finish() throws IOException {
            if (video == null) {
                return;
            }
            try {
                video.recorder().stop();
                video.recorder().release();
            } catch (Exception e) {
                throw new IOException("cannot finish " + file + ": " + e.getMessage(), e);
            } finally {
                video = null;
                converter.close();
            }
        }

        /** Closes what was written so far (a partial clip still plays); removes an empty file. */
        void abandon() {
            try {
                finish();
            } catch (IOException ignored) {
                // the original error is the one reported
            }
            if (written == 0) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // nothing to report beyond the original error
                }
            }
        }
    }
}
