package dev.triage.launch.output;

import dev.triage.perception.pipeline.PipelineSettings.Delivery;
import dev.triage.datasets.eval.EvaluationSink;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.ReplayRun;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.Gate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole output path through the real pipeline, with stand-in networks (no models needed): a replay with an
 * injected undecodable frame still has every frame in overlay.mp4, and the report lists the bad frame.
 */
class OverlayReplayTest {
    private static final int FRAMES = 40;
    private static final long BAD = 7;

    @TempDir
    Path out;

    private static Gate gate() {
        return new Gate() {
            @Override
            public InputSize inputSize() {
                return new InputSize(32, 24);
            }

            @Override
            public List<String> scenes() {
                return List.of("urban", "highway");
            }

            @Override
            public SceneProbabilities classify(ImageTensor input) {
                return new SceneProbabilities(List.of("urban", "highway"), List.of(0.8, 0.2));
            }

            @Override
            public void close() {
            }
        };
    }

    private static ExpertSlot expert(String scene) {
        return new ExpertSlot(scene, List.of(scene), new Expert() {
            @Override
            public InputSize inputSize() {
                return new InputSize(64, 48);
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) {
                return new ExpertOutput(Fixtures.result(0, w, h).detections(), List.of());
            }

            @Override
            public void close() {
            }
        });
    }

    /** 40 raw frames, the 8th of them a corrupt JPEG. */
    private static FrameSource source() {
        return new FrameSource() {
            private long seq;

            @Override
            public Optional<Frame> next() {
                if (seq >= FRAMES) {
                    return Optional.empty();
                }
                long s = seq++;
                if (s == BAD) {
                    return Optional.of(new Frame(s, s * Fixtures.FRAME_NANOS, System.nanoTime(), "bad.jpg",
                            new Image.Encoded("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}), Optional.empty()));
                }
                return Optional.of(Fixtures.frame(s, 640, 480));
            }

            @Override
            public String describe() {
                return "test-drive";
            }
        };
    }

    @Test
    void undecodableFrameIsInTheVideoAndInTheReport() throws Exception {
        Path video = out.resolve("overlay.mp4");
        ReportCollector collector = new ReportCollector();
        EvaluationSink evaluation = new EvaluationSink();
        ReplayRun run;
        OverlayStats stats;
        List<Thumbnail> samples;
        List<Thumbnail> problemSamples;
        try (OverlayVideoTap overlay = new OverlayVideoTap(new OverlayVideoTap.Options(Optional.of(video),
                OptionalDouble.empty(), true, 50))) {
            CameraWorker.Builder worker = CameraWorker.builder().setGate(gate()).addExpert(expert("urban"))
                    .addExpert(expert("highway"))
                    .setPolicy(in -> new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0))
                    .addSink(collector).addSink(evaluation).addTap(overlay);
            run = Pipeline.replay(source(), worker, new PipelineSettings(50_000_000L, 1,
                    PipelineSettings.Delivery.LOSSLESS), Long.MAX_VALUE);
            overlay.close();
            stats = overlay.stats();
            samples = overlay.samples();
            problemSamples = overlay.problemSamples();
        }
        assertEquals(FRAMES, run.summary().framesIn());
        assertEquals(1, run.summary().framesFailed());
        assertEquals(FRAMES, stats.framesWritten());
        OverlayVideoTapTest.VideoInfo info = OverlayVideoTapTest.VideoInfo.of(video);
        assertEquals(FRAMES, info.frames(), "the video has every frame, the undecodable one too");
        assertEquals("h264", info.codec());
        assertEquals(640, info.width());
        assertEquals(480, info.height());

        Path report = out.resolve("report.html");
        HtmlReport.write(report, new HtmlReport.Input("test-drive", Optional.empty(), run.summary(),
                Optional.of(evaluation.report()), collector, Optional.of(stats), samples, problemSamples, Delivery.LOSSLESS, 1));
        String html = Files.readString(report);
        HtmlReportTest.assertSelfContained(html);
        assertTrue(html.contains("<td class=\"num\">7</td><td class=\"kind-decode_failed\">decode_failed</td>"
                + "<td>bad.jpg</td>"), "problem row");
        assertTrue(html.contains("<svg id=\"gate-timeline\""));
        assertTrue(html.contains("latency-histogram"));
        assertEquals(OverlayVideoTap.SAMPLES + 1, html.split("data:image/jpeg;base64,").length - 1,
                "six samples and one problem frame");
        assertTrue(html.contains(FRAMES + " frames, 640x480 at 20 fps"), "overlay line");
    }
}
