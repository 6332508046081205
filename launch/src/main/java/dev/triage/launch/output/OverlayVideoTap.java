package dev.triage.launch.output;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.render.OverlayRenderer;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@code overlay.mp4} (h264 through FFmpeg's openh264 encoder, yuv420p) with one video frame for every frame
 * the worker saw: processed frames drawn with their results, dropped and failed frames with a red banner that says
 * why (a grey placeholder when the pixels are unknown). Also keeps a few JPEG thumbnails spread over the drive, and
 * the first problem frames, for the HTML report.
 *
 * <p>Threads: on the worker thread the tap only copies the decoded pixels and queues them (a bounded queue of
 * {@value #QUEUE_CAPACITY}); drawing and encoding run on its own thread, so that encoding competes with the
 * networks for a core but never sits on the frame's critical path. In lossless replay a full queue makes the worker
 * wait, so the video has every frame; in real-time replay the oldest queued frame is dropped instead and counted
 * ({@link OverlayStats#framesDropped()}). With the video off, only the few sampled frames are copied.
 *
 * <p>Frame rate: the one given, else derived from the stamps of the first frames, else {@value #DEFAULT_FPS}. The
 * video size is the first decoded frame's (rounded down to even numbers for yuv420p); later frames of another size
 * are scaled to it.
 *
 * <pre>{@code
 * try (OverlayVideoTap overlay = new OverlayVideoTap(new OverlayVideoTap.Options(
 *         Optional.of(out.resolve("overlay.mp4")), source.nominalFps(), true, 50.0))) {
 *     workerBuilder.addTap(overlay);
 *     Pipeline.replay(source, workerBuilder, settings, Long.MAX_VALUE);
 *     overlay.close();
 *     OverlayStats stats = overlay.stats();
 * }
 * }</pre>
 */
public final class OverlayVideoTap implements FrameTap {
    /** Frame rate when neither the source nor the stamps tell one. */
    public static final double DEFAULT_FPS = 20;
    /** Frames queued between the worker and the encoder thread. */
    public static final int QUEUE_CAPACITY = 8;
    /** Thumbnails spread over the drive that {@link #samples()} returns. */
    public static final int SAMPLES = 6;
    /** Thumbnails of the first problem frames that {@link #problemSamples()} returns. */
    public static final int PROBLEM_SAMPLES = 3;
    /** Largest thumbnail width in pixels. */
    public static final int THUMBNAIL_WIDTH = 640;
    private static final int MAX_CANDIDATES = 16;
    private static final int FPS_LOOKAHEAD = 8;
    private static final int MAX_PENDING = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(OverlayVideoTap.class);

    /**
     * What to write.
     *
     * @param video    the video file, or empty to keep only the thumbnails
     * @param fps      the frame rate, when the source knows it
     * @param lossless true to make the worker wait for a busy encoder (every frame in the video), false to drop the
     *                 oldest queued overlay frame instead (real-time replay)
     * @param budgetMs the latency budget drawn on each frame
     */
    public record Options(Optional<Path> video, OptionalDouble fps, boolean lossless, double budgetMs) {
    }

    private final Options options;
    private final OverlayRenderer renderer;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread encoder;
    private final LatencyHistogram encodeNanos = new LatencyHistogram();
    private final LatencyHistogram handoffNanos = new LatencyHistogram();
    private final AtomicLong blockedNanos = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    // worker thread only
    private long nextIndex;
    private int problemSamplesAsked;
    private boolean closed;
    // shared: written by the encoder, read by the worker
    private volatile long sampleStride = 1;
    // encoder thread only (read by stats() after join)
    private final TreeMap<Long, Thumbnail> candidates = new TreeMap<>();
    private final List<Thumbnail> problemThumbnails = new ArrayList<>();
    private final List<Item> pending = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private final OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat();
    private FFmpegFrameRecorder recorder;
    private boolean videoFailed;
    private String error;
    private String codec = "";
    private double fps;
    private int width;
    private int height;
    private long written;

    public OverlayVideoTap(Options options) {
        this.options = options;
        this.renderer = new OverlayRenderer(options.budgetMs());
        this.fps = options.fps().orElse(0);
        this.encoder = new Thread(this::encodeLoop, "triage-overlay");
        this.encoder.setDaemon(true);
        this.encoder.start();
    }

    @Override
    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
        long index = nextIndex++;
        boolean sample = index % sampleStride == 0;
        if (!wanted(sample, false)) {
            return;
        }
        long t0 = System.nanoTime();
        hand(new Item(index, frame.seq(), frame.stampNanos(), bgr.clone(), null, result, null, frame.truth(), sample,
                false), t0);
    }

    @Override
    public void onProblem(Frame frame, Optional<Mat> bgr, FrameProblem problem) {
        long index = nextIndex++;
        boolean sample = index % sampleStride == 0;
        boolean problemSample = problemSamplesAsked < PROBLEM_SAMPLES;
        if (!wanted(sample, problemSample)) {
            return;
        }
        if (problemSample) {
            problemSamplesAsked++;
        }
        long t0 = System.nanoTime();
        Mat copy = bgr.map(Mat::clone).orElse(null);
        // the frame itself travels only when the encoder thread may decode it: dropped frames (never decoded)
        Frame undecoded = copy == null && problem.kind() != FrameProblem.Kind.DECODE_FAILED ? frame : null;
        hand(new Item(index, frame.seq(), frame.stampNanos(), copy, undecoded, null, problem, frame.truth(), sample,
                problemSample), t0);
    }

    private boolean wanted(boolean sample, boolean problemSample) {
        return !closed && (options.video().isPresent() || sample || problemSample);
    }

    private void hand(Item item, long t0) {
        try {
            if (options.lossless()) {
                long w0 = System.nanoTime();
                while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    if (!encoder.isAlive()) {
                        item.release();
                        dropped.incrementAndGet();
                        return;
                    }
                }
                blockedNanos.addAndGet(System.nanoTime() - w0);
            } else {
                while (!queue.offer(item)) {
                    Item oldest = queue.poll();
                    if (oldest != null) {
                        oldest.release();
                        dropped.incrementAndGet();
                    }
                }
            }
        } catch (InterruptedException e) {
            item.release();
            dropped.incrementAndGet();
            Thread.currentThread().interrupt();
        } finally {
            handoffNanos.record(System.nanoTime() - t0);
        }
    }

    /** Finishes the video: waits for the encoder to drain the queue and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            while (encoder.isAlive() && !queue.offer(Item.END, 200, TimeUnit.MILLISECONDS)) {
                // the encoder drains the queue; wait for a free slot
            }
            encoder.join();
        } catch (InterruptedException e) {
            encoder.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** What the writer did; complete after {@link #close()}. */
    public synchronized OverlayStats stats() {
        return new OverlayStats(options.video().isPresent(), written, dropped.get(), fps, width, height, codec,
                encodeNanos.summary(), handoffNanos.summary(), blockedNanos.get() / 1e6, Optional.ofNullable(error));
    }

    /** Up to {@value #SAMPLES} thumbnails evenly spread over the drive, in frame order; after {@link #close()}. */
    public synchronized List<Thumbnail> samples() {
        List<Thumbnail> all = new ArrayList<>(candidates.values());
        if (all.size() <= SAMPLES) {
            return all;
        }
        List<Thumbnail> picked = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            picked.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (SAMPLES - 1))));
        }
        return picked;
    }

    /** Thumbnails of the first {@value #PROBLEM_SAMPLES} frames without result; after {@link #close()}. */
    public synchronized List<Thumbnail> problemSamples() {
        return List.copyOf(problemThumbnails);
    }

    // ---------------------------------------------------------------- encoder thread

    private void encodeLoop() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        List<Item> lookahead = new ArrayList<>();
        boolean ended = false;
        try {
            if (fps <= 0) {
                while (lookahead.size() < FPS_LOOKAHEAD) {
                    Item item = queue.take();
                    if (item == Item.END) {
                        ended = true;
                        break;
                    }
                    lookahead.add(item);
                }
                fps = deriveFps(lookahead);
            }
            for (Item item : lookahead) {
                handleSafely(item);
            }
            while (!ended) {
                Item item = queue.take();
                if (item == Item.END) {
                    break;
                }
                handleSafely(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lookahead.forEach(Item::release);
            finish();
        }
    }

    private synchronized void handleSafely(Item item) {
        try {
            handle(item);
        } catch (Exception | LinkageError e) {
            fail("overlay frame #" + item.seq + ": " + e);
        } finally {
            item.release();
        }
    }

    private void handle(Item item) throws Exception {
        long t0 = System.nanoTime();
        Mat img = item.pixels;
        if (img == null && item.frame != null) {
            try {
                img = decoder.decode(item.frame.image());
                item.pixels = img;
            } catch (Exception e) {
                img = null;
            }
        }
        if (img == null) {
            if (width == 0) {
                if (pending.size() < MAX_PENDING) {
                    pending.add(item.withoutPixels());
                } else {
                    dropped.incrementAndGet();
                }
                return;
            }
            img = OverlayRenderer.placeholder(width, height);
            item.pixels = img;
        } else if (width == 0) {
            width = Math.max(2, img.cols() & ~1);
            height = Math.max(2, img.rows() & ~1);
            flushPending();
        }
        if (img.cols() != width || img.rows() != height) {
            Mat scaled = new Mat();
            Imgproc.resize(img, scaled, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            img.release();
            img = scaled;
            item.pixels = img;
        }
        draw(item, img);
        record(img);
        if (item.sample || item.problemSample) {
            keepThumbnail(item, img);
        }
        encodeNanos.record(System.nanoTime() - t0);
    }

    private void flushPending() throws Exception {
        List<Item> earlier = new ArrayList<>(pending);
        pending.clear();
        for (Item p : earlier) {
            handle(p);
            p.release();
        }
    }

    private void draw(Item item, Mat img) {
        if (item.result != null) {
            renderer.drawResult(img, item.result);
        } else {
            renderer.drawProblem(img, item.problem, item.truth);
        }
    }

    private void record(Mat img) throws Exception {
        if (options.video().isEmpty() || videoFailed) {
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
        Path file = options.video().orElseThrow();
        try {
            H264File.Started started = H264File.start(file, width, height, fps);
            recorder = started.recorder();
            codec = started.codec();
        } catch (java.io.IOException e) {
            fail(e.getMessage());
        }
    }

    private void keepThumbnail(Item item, Mat img) {
        if (!item.problemSample && item.index % sampleStride != 0) {
            return; // sampled under a finer stride that has since doubled
        }
        Mat small = img;
        if (img.cols() > THUMBNAIL_WIDTH) {
            small = new Mat();
            Imgproc.resize(img, small, new Size(THUMBNAIL_WIDTH,
                    Math.max(1, Math.round(img.rows() * THUMBNAIL_WIDTH / (double) img.cols()))), 0, 0,
                    Imgproc.INTER_AREA);
        }
        MatOfByte jpeg = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 80);
        try {
            Imgcodecs.imencode(".jpg", small, jpeg, params);
            Thumbnail t = new Thumbnail(item.index, item.seq, caption(item), jpeg.toArray(), small.cols(),
                    small.rows());
            if (item.problemSample) {
                problemThumbnails.add(t);
            }
            if (item.sample && item.index % sampleStride == 0) {
                candidates.put(item.index, t);
                while (candidates.size() > MAX_CANDIDATES) {
                    long stride = sampleStride * 2;
                    candidates.keySet().removeIf(i -> i % stride != 0);
                    sampleStride = stride;
                }
            }
        } finally {
            params.release();
            jpeg.release();
            if (small != img) {
                small.release();
            }
        }
    }

    private static String caption(Item item) {
        if (item.result != null) {
            PerceptionResult r = item.result;
            return String.format(Locale.ROOT, "#%d %s, %d detections, %d lanes, %.1f ms%s", r.seq(),
                    r.context().scene(), r.detections().size(), r.lanes().size(), r.latencyNanos() / 1e6,
                    r.deadlineMet() ? "" : " (deadline missed)");
        }
        return "#" + item.problem.seq() + " " + item.problem.kind().name().toLowerCase(Locale.ROOT);
    }

    private void finish() {
        try {
            if (!pending.isEmpty()) {
                width = 640;
                height = 480;
                flushPending();
            }
        } catch (Exception e) {
            fail("overlay: " + e);
        }
        pending.clear();
        if (recorder != null) {
            try {
                recorder.stop();
                recorder.release();
            } catch (Exception e) {
                fail("cannot finish " + options.video().orElseThrow() + ": " + e.getMessage());
            }
        }
        converter.close();
    }

    private void fail(String message) {
        LOG.warn(message);
        if (error == null) {
            error = message;
        }
        if (recorder == null) {
            videoFailed = true;
        }
    }

    /** Frame rate from the stamps of the first frames: the median stamp step per sequence step. */
    static double deriveFps(List<Item> items) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            Item a = items.get(i - 1);
            Item b = items.get(i);
            if (b.seq > a.seq && b.stamp > a.stamp) {
                steps.add((b.stamp - a.stamp) / (double) (b.seq - a.seq));
            }
        }
        if (steps.isEmpty()) {
            return DEFAULT_FPS;
        }
        steps.sort(Double::compare);
        double fps = 1e9 / steps.get(steps.size() / 2);
        return fps >= 1 && fps <= 240 ? Math.round(fps * 1000) / 1000.0 : DEFAULT_FPS;
    }

    /** One frame on its way to the encoder; owns its pixel copy. */
    static final class Item {
        static final Item END = new Item(-1, -1, 0, null, null, null, null, Optional.empty(), false, false);
        final long index;
        final long seq;
        final long stamp;
        Mat pixels;
        final Frame frame;
        final PerceptionResult result;
        final FrameProblem problem;
        final Optional<GroundTruth> truth;
        final boolean sample;
        final boolean problemSample;

        Item(long index, long seq, long stamp, Mat pixels, Frame frame, PerceptionResult result, FrameProblem problem,
             Optional<GroundTruth> truth, boolean sample, boolean problemSample) {
            this.index = index;
            this.seq = seq;
            this.stamp = stamp;
            this.pixels = pixels;
            this.frame = frame;
            this.result = result;
            this.problem = problem;
            this.truth = truth;
            this.sample = sample;
            this.problemSample = problemSample;
        }

        Item withoutPixels() {
            return new Item(index, seq, stamp, null, null, result, problem, truth, sample, problemSample);
        }

        void release() {
            if (pixels != null) {
                pixels.release();
                pixels = null;
            }
        }
    }

    /** For tests: stamps-only items. */
    static Item stampItem(long seq, long stampNanos) {
        return new Item(seq, seq, stampNanos, null, null, null, null, Optional.empty(), false, false);
    }
}
