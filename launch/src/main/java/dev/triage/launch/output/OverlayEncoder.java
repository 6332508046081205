package dev.triage.launch.output;

import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.render.OverlayRenderer;
import org.bytedeco.ffmpeg.global.avutil;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * The overlay's encoder thread: takes each frame from the {@link OverlayHandoff}, gives it pixels (decoding a dropped
 * frame, else a placeholder), draws its result or problem, and passes it to the {@link OverlayRecording} and the
 * {@link OverlayThumbnails}. When the frame rate is not given it waits for the first frames to derive it; frames
 * without pixels that come before the first decoded one wait (in bounded number) until the video size is known. A
 * frame that fails is logged and counted as the recording's failure; the next frame goes on.
 *
 * <p>Frame handling and the readers ({@link #stats}, {@link #samples()}, {@link #problemSamples()}) hold this
 * object's lock, so a reader sees whole frames.
 */
final class OverlayEncoder {
    private static final int MAX_PENDING = 100_000;

    private final OverlayRenderer renderer;
    private final OverlayRecording recording;
    private final OverlayThumbnails thumbnails;
    private final FrameDecoder decoder = new FrameDecoder();
    private final LatencyHistogram encodeNanos = new LatencyHistogram();
    private final List<OverlayItem> pending = new ArrayList<>();
    private long dropped;

    /**
     * An encoder that has not yet started.
     *
     * @param budgetMs   the latency budget drawn on each frame
     * @param recording  the video
     * @param thumbnails the report's thumbnails
     */
    OverlayEncoder(double budgetMs, OverlayRecording recording, OverlayThumbnails thumbnails) {
        this.renderer = new OverlayRenderer(budgetMs);
        this.recording = recording;
        this.thumbnails = thumbnails;
    }

    /**
     * The encoder thread's work ({@link OverlayHandoff.Drain}): handles every item until the end, then finishes the
     * video.
     *
     * @param handoff the queue to take the items from
     */
    void drain(OverlayHandoff handoff) {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL); // FFmpeg stays quiet: its failures come back as exceptions
        List<OverlayItem> lookahead = new ArrayList<>();
        boolean ended = false;
        try {
            if (!recording.hasFps()) {
                while (lookahead.size() < OverlayRecording.FPS_LOOKAHEAD) {
                    OverlayItem item = handoff.take();
                    if (item == null) {
                        ended = true;
                        break;
                    }
                    lookahead.add(item);
                }
                recording.fpsFrom(lookahead);
            }
            for (OverlayItem item : lookahead) {
                handleSafely(item);
            }
            while (!ended) {
                OverlayItem item = handoff.take();
                if (item == null) {
                    break;
                }
                handleSafely(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lookahead.forEach(OverlayItem::release);
            finish();
        }
    }

    private synchronized void handleSafely(OverlayItem item) {
        try {
            handle(item);
        } catch (Exception | LinkageError e) {
            recording.fail("overlay frame #" + item.seq + ": " + e);
        } finally {
            item.release();
        }
    }

    private void handle(OverlayItem item) throws Exception {
        long t0 = System.nanoTime();
        Mat img = pixels(item);
        if (img == null) {
            if (!recording.hasSize()) {
                if (pending.size() < MAX_PENDING) {
                    pending.add(item.withoutPixels());
                } else {
                    dropped++;
                }
                return;
            }
            img = recording.placeholder();
            item.pixels = img;
        } else if (!recording.hasSize()) {
            recording.sizeFrom(img);
            flushPending();
        }
        img = recording.fit(img);
        item.pixels = img;
        if (item.result != null) {
            renderer.drawResult(img, item.result);
        } else {
            renderer.drawProblem(img, item.problem, item.truth);
        }
        recording.record(img);
        if (item.sample || item.problemSample) {
            thumbnails.keep(item, img);
        }
        encodeNanos.record(System.nanoTime() - t0);
    }

    /** The item's pixels, decoding a frame that travelled undecoded; null when there are none. */
    private Mat pixels(OverlayItem item) {
        if (item.pixels == null && item.frame != null) {
            try {
                item.pixels = decoder.decode(item.frame.image());
            } catch (Exception e) {
                return null;
            }
        }
        return item.pixels;
    }

    private void flushPending() throws Exception {
        List<OverlayItem> earlier = new ArrayList<>(pending);
        pending.clear();
        for (OverlayItem p : earlier) {
            handle(p);
            p.release();
        }
    }

    private void finish() {
        try {
            if (!pending.isEmpty()) {
                recording.fallbackSize();
                flushPending();
            }
        } catch (Exception e) {
            recording.fail("overlay: " + e);
        }
        pending.clear();
        recording.finish();
    }

    /**
     * What the overlay did, with the hand-off's counters.
     *
     * @param handoff the hand-off that fed this encoder
     */
    synchronized OverlayStats stats(OverlayHandoff handoff) {
        OverlayRecording.Summary video = recording.summary();
        return new OverlayStats(video.enabled(), video.written(), handoff.dropped() + dropped, video.fps(),
                video.width(), video.height(), video.codec(), encodeNanos.summary(), handoff.handoff(),
                handoff.blockedMs(), video.error());
    }

    /** The report's thumbnails spread over the drive ({@link OverlayThumbnails#samples()}). */
    synchronized List<Thumbnail> samples() {
        return thumbnails.samples();
    }

    /** The report's thumbnails of problem frames ({@link OverlayThumbnails#problemSamples()}). */
    synchronized List<Thumbnail> problemSamples() {
        return thumbnails.problemSamples();
    }
}
