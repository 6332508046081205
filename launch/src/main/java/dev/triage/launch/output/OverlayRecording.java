package dev.triage.launch.output;

import dev.triage.perception.render.OverlayRenderer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The overlay's {@code overlay.mp4} (through {@link H264File}), on the encoder thread: its frame rate (the one given,
 * else derived from the stamps of the first frames), its size (the first decoded frame's, rounded down to even
 * numbers for yuv420p; other frames are scaled to it), and the recorder, started at the first frame and finished
 * at the end. Without a video file it only keeps the frame rate and size. The first failure is kept for the stats;
 * a failure before the recorder started turns the video off.
 */
final class OverlayRecording {
    /** First frames whose stamps give the frame rate when none is given. */
    static final int FPS_LOOKAHEAD = 8;
    /** Size of the placeholder frames when no frame was ever decoded. */
    private static final int FALLBACK_WIDTH = 640;
    private static final int FALLBACK_HEIGHT = 480;
    // logs under the tap's name, the class the warnings are about
    private static final Logger LOG = LoggerFactory.getLogger(OverlayVideoTap.class);

    /**
     * What the recording did.
     *
     * @param enabled whether a video file was asked for
     * @param written frames encoded
     * @param fps     the frame rate, 0 until it is set
     * @param width   video width in pixels, 0 until it is set
     * @param height  video height in pixels, 0 until it is set
     * @param codec   the encoder's name, empty until the file started
     * @param error   the first failure, if any
     */
    record Summary(boolean enabled, long written, double fps, int width, int height, String codec,
                   Optional<String> error) {
    }

    private final Optional<Path> video;
    private final OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat();
    private FFmpegFrameRecorder recorder;
    private boolean videoFailed;
    private String error;
    private String codec = "";
    private double fps;
    private int width;
    private int height;
    private long written;

    /**
     * A recording not yet started.
     *
     * @param video the video file, or empty to write none
     * @param fps   the frame rate, when the source knows it
     */
    OverlayRecording(Optional<Path> video, OptionalDouble fps) {
        this.video = video;
        this.fps = fps.orElse(0);
    }

    /** Whether the frame rate is set, given or derived. */
    boolean hasFps() {
        return fps > 0;
    }

    /**
     * Sets the frame rate from the stamps of the first frames ({@link #deriveFps}).
     *
     * @param first the first frames, in order
     */
    void fpsFrom(List<OverlayItem> first) {
        fps = deriveFps(first);
    }

    /** Frame rate from the stamps of the first frames: the median stamp step per sequence step. */
    static double deriveFps(List<OverlayItem> items) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            OverlayItem a = items.get(i - 1);
            OverlayItem b = items.get(i);
            if (b.seq > a.seq && b.stamp > a.stamp) {
                steps.add((b.stamp - a.stamp) / (double) (b.seq - a.seq));
            }
        }
        if (steps.isEmpty()) {
            return OverlayVideoTap.DEFAULT_FPS;
        }
        steps.sort(Double::compare);
        double fps = 1e9 / steps.get(steps.size() / 2);
        return fps >= 1 && fps <= 240 ? Math.round(fps * 1000) / 1000.0 : OverlayVideoTap.DEFAULT_FPS;
    }

    /** Whether the video size is set. */
    boolean hasSize() {
        return width != 0;
    }

    /**
     * Sets the video size from the first decoded frame, rounded down to even numbers (at least 2).
     *
     * @param first the first decoded frame
     */
    void sizeFrom(Mat first) {
        width = Math.max(2, first.cols() & ~1);
        height = Math.max(2, first.rows() & ~1);
    }

    /** Sets the video size to 640x480, for frames left when no frame was ever decoded. */
    void fallbackSize() {
        width = FALLBACK_WIDTH;
        height = FALLBACK_HEIGHT;
    }

    /** A grey placeholder of the video size, for a frame without pixels; the caller releases it. */
    Mat placeholder() {
        return OverlayRenderer.placeholder(width, height);
    }

    /**
     * The frame at the video size.
     *
     * @param img a frame; released here when it has to be scaled
     * @return {@code img} itself when it has the size, else a scaled copy
     */
    Mat fit(Mat img) {
        if (img.cols() == width && img.rows() == height) {
            return img;
        }
        Mat scaled = new Mat();
        Imgproc.resize(img, scaled, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
        img.release();
        return scaled;
    }

    /**
     * Encodes one frame of the video size, starting the file at the first; nothing without a video or after the
     * start failed.
     *
     * @throws Exception when FFmpeg cannot encode the frame
     */
    void record(Mat img) throws Exception {
        if (video.isEmpty() || videoFailed) {
            return;
        }
        if (recorder == null) {
            start();
            if (videoFailed) {
                return;
            }
        }
        recorder.record(converter.convert(img));
        written++;
    }

    private void start() {
        Path file = video.orElseThrow();
        try {
            H264File.Started started = H264File.start(file, width, height, fps);
            recorder = started.recorder();
            codec = started.codec();
        } catch (IOException e) {
            fail(e.getMessage());
        }
    }

    /** Finishes the file, if it was started, and frees the converter. */
    void finish() {
        if (recorder != null) {
            try {
                recorder.stop();
                recorder.release();
            } catch (Exception e) {
                fail("cannot finish " + video.orElseThrow() + ": " + e.getMessage());
            }
        }
        converter.close();
    }

    /**
     * Logs a failure and keeps the first for the stats; before the recorder started, turns the video off.
     *
     * @param message what failed
     */
    void fail(String message) {
        LOG.warn(message);
        if (error == null) {
            error = message;
        }
        if (recorder == null) {
            videoFailed = true;
        }
    }

    /** What the recording did so far. */
    Summary summary() {
        return new Summary(video.isPresent(), written, fps, width, height, codec, Optional.ofNullable(error));
    }
}
