package dev.triage.perception.pipeline;

import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker hands every frame's outcome and, when it has them, its decoded pixels to each {@link FrameTap}. */
class FrameTapTest {
    private static final long MS = 1_000_000L;
    private static final List<String> SCENES = List.of("urban", "highway");
    private boolean expertFails;
    private final List<String> seen = new ArrayList<>();

    private final Gate gate = StandIns.fixedGate(SCENES, List.of(0.9, 0.1));

    private ExpertSlot expert(String scene) {
        return new ExpertSlot(scene, List.of(scene), new Expert() {
            @Override
            public InputSize inputSize() {
                return new InputSize(16, 12);
            }

            @Override
            public ExpertOutput infer(ImageTensor input, int w, int h) throws InferenceException {
                if (expertFails) {
                    throw new InferenceException("scripted failure");
                }
                return new ExpertOutput(List.of(), List.of());
            }

            @Override
            public void close() {
            }
        });
    }

    private final FrameTap tap = new FrameTap() {
        @Override
        public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
            seen.add("result " + result.seq() + " " + bgr.cols() + "x" + bgr.rows() + " px0=" + (int) bgr.get(0, 0)[2]);
        }

        @Override
        public void onProblem(Frame frame, Optional<Mat> bgr, FrameProblem problem) {
            seen.add("problem " + problem.seq() + " " + problem.kind() + " pixels=" + bgr.isPresent()
                    + " frame=" + frame.seq());
        }
    };

    @Test
    void tapSeesPixelsOfResultsAndOfInferenceFailuresButNotOfUndecodableFrames() {
        CameraWorker worker = CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS))
                .setGate(gate).addExpert(expert("urban")).addExpert(expert("highway"))
                .setPolicy(in -> new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0))
                .addTap(tap).setStats(new PipelineStats(50 * MS)).setMailbox(new LatestFrameMailbox()).build();
        byte[] pixels = new byte[32 * 24 * 3];
        pixels[2] = (byte) 200; // red channel of the first pixel in bgr8
        Image raw = new Image.Raw(32, 24, "bgr8", 96, pixels);
        worker.process(new Frame(0, 0, System.nanoTime(), "cam", raw, Optional.empty()));
        worker.process(new Frame(1, 0, System.nanoTime(), "bad.jpg", new Image.Encoded("jpeg", new byte[] {1, 2}),
                Optional.empty()));
        expertFails = true;
        worker.process(new Frame(2, 0, System.nanoTime(), "cam", raw, Optional.empty()));
        assertEquals(List.of("result 0 32x24 px0=200", "problem 1 DECODE_FAILED pixels=false frame=1",
                "problem 2 INFERENCE_FAILED pixels=true frame=2"), seen);
    }

    @Test
    void aThrowingTapIsCountedAsASinkErrorAndTheFrameStillCounts() {
        PipelineStats stats = new PipelineStats(50 * MS);
        CameraWorker worker = CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS))
                .setGate(gate).addExpert(expert("urban")).addExpert(expert("highway"))
                .setPolicy(in -> new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0))
                .addTap((frame, bgr, result) -> {
                    throw new IllegalStateException("boom");
                })
                .setStats(stats).setMailbox(new LatestFrameMailbox()).build();
        worker.process(new Frame(0, 0, System.nanoTime(), "cam", new Image.Raw(4, 4, "bgr8", 12, new byte[48]),
                Optional.empty()));
        assertEquals(1, stats.summary().framesProcessed());
        assertEquals(1, stats.summary().sinkErrors());
        assertTrue(stats.summary().latencyMs().containsKey("publish"));
    }

    /**
     * With reduced JPEG decoding on, a frame decodes at reduced scale only while no tap is active (results keep the
     * frame's size); an active tap gets the full-size pixels; an inactive tap is not called; an rgb8 frame reaches
     * a tap as BGR.
     */
    @Test
    void inactiveTapsCostNoFullSizePixelsAndActiveOnesGetThem() {
        boolean[] active = {false};
        List<String> sizes = new ArrayList<>();
        List<String> results = new ArrayList<>();
        CameraWorker worker = CameraWorker.builder()
                .setSettings(new PipelineSettings(50 * MS, 1, PipelineSettings.Delivery.LOSSLESS, 8192, true))
                .setGate(gate).addExpert(expert("urban")).addExpert(expert("highway"))
                .setPolicy(in -> new SceneContext("urban", in.raw(), in.raw(), List.of("urban"), false, 0))
                .addSink(r -> results.add(r.width() + "x" + r.height()))
                .addTap(new FrameTap() {
                    @Override
                    public boolean isActive() {
                        return active[0];
                    }

                    @Override
                    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
                        sizes.add(bgr.cols() + "x" + bgr.rows() + " px0=" + (int) bgr.get(0, 0)[2]);
                    }
                })
                .setStats(new PipelineStats(50 * MS)).setMailbox(new LatestFrameMailbox()).build();
        Mat red = new Mat(240, 320, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(0, 0, 200));
        org.opencv.core.MatOfByte jpeg = new org.opencv.core.MatOfByte();
        org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", red, jpeg);
        Image encoded = new Image.Encoded("jpeg", jpeg.toArray());
        worker.process(new Frame(0, 0, System.nanoTime(), "cam", encoded, Optional.empty()));
        active[0] = true;
        worker.process(new Frame(1, 0, System.nanoTime(), "cam", encoded, Optional.empty()));
        byte[] rgb = new byte[32 * 24 * 3];
        rgb[0] = (byte) 201; // red of the first pixel in rgb8
        worker.process(new Frame(2, 0, System.nanoTime(), "cam", new Image.Raw(32, 24, "rgb8", 96, rgb),
                Optional.empty()));
        assertEquals(List.of("320x240", "320x240", "32x24"), results);
        assertEquals(2, sizes.size());
        assertTrue(sizes.get(0).startsWith("320x240 px0="), sizes.get(0));
        assertEquals("32x24 px0=201", sizes.get(1));
        red.release();
        jpeg.release();
    }
}
