package dev.triage.launch.output;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.spi.FrameProblem;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** overlay.mp4 written through the tap's own thread and read back with FFmpeg. */
class OverlayVideoTapTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        OpenCv.load();
    }

    /** What a video file holds, read back with FFmpeg. */
    record VideoInfo(int frames, String codec, int width, int height, double fps) {
        static VideoInfo of(Path file) throws Exception {
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.start();
                int n = 0;
                while (g.grabImage() != null) {
                    n++;
                }
                VideoInfo info = new VideoInfo(n, g.getVideoCodecName(), g.getImageWidth(), g.getImageHeight(),
                        g.getFrameRate());
                g.stop();
                return info;
            }
        }
    }

    private void feed(OverlayVideoTap tap, long seq, int w, int h) {
        Frame frame = Fixtures.frame(seq, w, h);
        Mat m = Fixtures.mat(w, h);
        try {
            tap.onResult(frame, m, Fixtures.result(seq, w, h));
        } finally {
            m.release();
        }
    }

    @Test
    void everyFrameIsInTheVideoIncludingDroppedAndUndecodableOnes() throws Exception {
        Path video = dir.resolve("overlay.mp4");
        OverlayVideoTap tap = new OverlayVideoTap(new OverlayVideoTap.Options(Optional.of(video),
                OptionalDouble.empty(), true, 50));
        int n = 45;
        for (long seq = 0; seq < n; seq++) {
            if (seq == 10) {
                Frame bad = new Frame(seq, seq * Fixtures.FRAME_NANOS, 0, "bad.jpg",
                        new Image.Encoded("jpeg", new byte[] {1, 2, 3}), Optional.empty());
                tap.onProblem(bad, Optional.empty(), Fixtures.problem(seq, FrameProblem.Kind.DECODE_FAILED,
                        "frame #10 (bad.jpg): corrupt or unsupported jpeg image (3 bytes)"));
            } else if (seq == 11) {
                tap.onProblem(Fixtures.frame(seq, 640, 480), Optional.empty(), Fixtures.problem(seq,
                        FrameProblem.Kind.DROPPED_REPLACED, "frame #11 (cam) replaced by a newer frame"));
            } else if (seq == 12) {
                Mat m = Fixtures.mat(640, 480);
                tap.onProblem(Fixtures.frame(seq, 640, 480), Optional.of(m), Fixtures.problem(seq,
                        FrameProblem.Kind.INFERENCE_FAILED, "frame #12 (cam): model urban.pt: forward failed"));
                m.release();
            } else {
                feed(tap, seq, 640, 480);
            }
        }
        tap.close();
        OverlayStats stats = tap.stats();
        assertTrue(stats.error().isEmpty(), stats.error().toString());
        assertEquals(n, stats.framesWritten());
        assertEquals(0, stats.framesDropped());
        assertEquals(20.0, stats.fps(), 1e-6, "derived from 50 ms stamps");
        assertEquals("libopenh264", stats.codec());

        VideoInfo info = VideoInfo.of(video);
        assertEquals(n, info.frames());
        assertEquals("h264", info.codec());
        assertEquals(640, info.width());
        assertEquals(480, info.height());
        assertEquals(20.0, info.fps(), 0.01);

        List<Thumbnail> problems = tap.problemSamples();
        assertEquals(List.of(10L, 11L, 12L), problems.stream().map(Thumbnail::seq).toList());
        assertTrue(problems.get(0).caption().contains("decode_failed"));
    }

    @Test
    void anUndecodableFirstFrameWaitsForTheVideoSizeAndOddSizesAreMadeEven() throws Exception {
        Path video = dir.resolve("odd.mp4");
        OverlayVideoTap tap = new OverlayVideoTap(new OverlayVideoTap.Options(Optional.of(video),
                OptionalDouble.of(25), true, 50));
        tap.onProblem(new Frame(0, 0, 0, "x.png", new Image.Encoded("png", new byte[0]), Optional.empty()),
                Optional.empty(), Fixtures.problem(0, FrameProblem.Kind.DECODE_FAILED, "empty png image"));
        for (long seq = 1; seq < 6; seq++) {
            feed(tap, seq, 321, 241);
        }
        tap.close();
        VideoInfo info = VideoInfo.of(video);
        assertEquals(6, info.frames());
        assertEquals(320, info.width());
        assertEquals(240, info.height());
        assertEquals(25.0, info.fps(), 0.01);
    }

    @Test
    void withoutVideoOnlyAFewThumbnailsSpreadOverTheDriveAreKept() throws Exception {
        OverlayVideoTap tap = new OverlayVideoTap(new OverlayVideoTap.Options(Optional.empty(),
                OptionalDouble.of(20), true, 50));
        int n = 1000;
        for (long seq = 0; seq < n; seq++) {
            feed(tap, seq, 1280, 720);
        }
        tap.close();
        List<Thumbnail> samples = tap.samples();
        assertEquals(OverlayVideoTap.SAMPLES, samples.size());
        assertEquals(0, samples.get(0).index());
        assertTrue(samples.get(samples.size() - 1).index() >= n * 3 / 4, samples.toString());
        for (Thumbnail t : samples) {
            assertEquals(640, t.width());
            assertEquals(360, t.height());
            assertTrue(t.jpeg().length > 1000 && t.jpeg()[0] == (byte) 0xFF && t.jpeg()[1] == (byte) 0xD8);
        }
        assertEquals(0, tap.stats().framesWritten());
        assertFalse(Files.list(dir).findAny().isPresent(), "no file without a video");
        // with the video off, the worker copied only the sampled frames
        assertTrue(tap.stats().handoffMs().count() < 100, "copies: " + tap.stats().handoffMs().count());
    }

    @Test
    void realTimeModeNeverBlocksAndAccountsForEveryFrame() throws Exception {
        Path video = dir.resolve("rt.mp4");
        OverlayVideoTap tap = new OverlayVideoTap(new OverlayVideoTap.Options(Optional.of(video),
                OptionalDouble.of(20), false, 50));
        int n = 120;
        for (long seq = 0; seq < n; seq++) {
            feed(tap, seq, 640, 480);
        }
        tap.close();
        OverlayStats stats = tap.stats();
        assertEquals(n, stats.framesWritten() + stats.framesDropped());
        assertEquals(stats.framesWritten(), VideoInfo.of(video).frames());
        assertEquals(0, stats.blockedMs(), 1e-9);
    }

    @Test
    void fpsFromStampsFallsBackToTwentyWithoutUsableStamps() {
        assertEquals(30.0, OverlayRecording.deriveFps(List.of(stamped(0, 0), stamped(1, 33_333_333),
                stamped(3, 100_000_000))), 0.01);
        assertEquals(OverlayVideoTap.DEFAULT_FPS, OverlayRecording.deriveFps(List.of(stamped(0, 0), stamped(1, 0))),
                1e-9);
    }

    private static OverlayItem stamped(long seq, long stampNanos) {
        return OverlayItem.stamped(seq, seq, stampNanos);
    }
}
