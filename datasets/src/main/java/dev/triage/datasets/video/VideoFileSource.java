package dev.triage.datasets.video;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link FrameSource} that decodes a video file with FFmpeg (through JavaCV): mp4/h264, avi/MJPEG and anything
 * else FFmpeg reads. Frames are bgr8 {@code Image.Raw} (step as FFmpeg laid the rows out), stamped with their
 * presentation time ({@code stampNanos} = PTS in ns, from 0 at the first frame for most files); {@code frameId} is
 * the file name. Decoding runs in {@link #next()}, on the caller's thread; one decoded frame is held at a time.
 *
 * <pre>{@code
 * try (FrameSource source = VideoFileSource.open(Path.of("drive.mp4"))) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class VideoFileSource implements FrameSource {
    private final Path path;
    private final FFmpegFrameGrabber grabber;
    private final String frameId;
    private final Optional<Double> fps;
    private final FrameCount declared;
    private final Optional<CutSample> cut;
    private final long periodNanos;
    private final Deque<Frame> pending = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    private long seq;
    private long lastStampNanos = Long.MIN_VALUE;
    private boolean ended;

    private VideoFileSource(Path path, FFmpegFrameGrabber grabber, Optional<Double> fps, FrameCount declared,
                            Optional<CutSample> cut, boolean constantRate) {
        this.path = path;
        this.grabber = grabber;
        this.frameId = path.getFileName().toString();
        this.fps = fps;
        this.declared = declared;
        this.cut = cut;
        this.periodNanos = constantRate && fps.isPresent() ? Math.round(1e9 / fps.get()) : 0;
    }

    /**
     * The first video sample of the container's index that the file does not hold completely: FFmpeg drops such a
     * partial last sample without a word, so a file cut inside its last frame would otherwise pass as whole.
     *
     * @param index      the sample's position in decoding order
     * @param samples    samples the index lists
     * @param endByte    the byte the sample needs the file to reach
     * @param fileLength the file's length
     */
    record CutSample(int index, int samples, long endByte, long fileLength) {
    }

    /**
     * Opens {@code file} and its first video stream.
     *
     * @throws SourceException naming the file when it is missing, not a video FFmpeg can read, or has no video
     */
    public static VideoFileSource open(Path file) throws SourceException {
        if (!Files.exists(file)) {
            throw new SourceException(file + ": no such file or folder");
        }
        if (!Files.isReadable(file) || !Files.isRegularFile(file)) {
            throw new SourceException(file + ": not a readable file");
        }
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(grabber);
            throw new SourceException(file + ": not a video file FFmpeg can read (" + FfmpegErrors.reason(e) + ")", e);
        }
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            release(grabber);
            throw new SourceException(file + ": has no video stream");
        }
        double rate = grabber.getFrameRate();
        return new VideoFileSource(file, grabber, rate > 0 && Double.isFinite(rate) ? Optional.of(rate)
                : Optional.empty(), FrameCount.of(grabber, rate), cutSample(grabber, file),
                constantRate(grabber, rate));
    }

    /**
     * Whether the video stream has a constant frame rate, so that a gap in the presentation times is frames FFmpeg
     * skipped as corrupt: the stream declares its frame count, that count is its duration times the rate (to within
     * a frame), and its average rate is its base rate (the lowest rate that represents every presentation time; a
     * variable-rate file, whose frames come at uneven intervals, has a higher one). A variable-rate file gives no
     * verdict, and its gaps are taken as they are.
     */
    private static boolean constantRate(FFmpegFrameGrabber grabber, double rate) {
        Optional<AVStream> stream = videoStream(grabber);
        return stream.isPresent() && stream.get().nb_frames() > 0 && durationFrames(stream.get(), rate) > 0
                && Math.abs(durationFrames(stream.get(), rate) - stream.get().nb_frames()) <= 1
                && sameRate(stream.get().avg_frame_rate(), stream.get().r_frame_rate());
    }

    private static boolean sameRate(AVRational average, AVRational base) {
        if (average.den() <= 0 || base.den() <= 0 || average.num() <= 0 || base.num() <= 0) {
            return false;
        }
        double a = avutil.av_q2d(average);
        return Math.abs(a - avutil.av_q2d(base)) <= 1e-3 * a;
    }

    /** The grabber's video stream in its format context, if both are there. */
    private static Optional<AVStream> videoStream(FFmpegFrameGrabber grabber) {
        AVFormatContext format = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        return format == null || index < 0 || index >= format.nb_streams() ? Optional.empty()
                : Optional.of(format.streams(index));
    }

    /** The stream's duration times {@code rate}, or 0 when either is unknown. */
    private static double durationFrames(AVStream stream, double rate) {
        AVRational base = stream.time_base();
        return stream.duration() > 0 && base.den() > 0 && rate > 0 && Double.isFinite(rate)
                ? stream.duration() * (double) base.num() / base.den() * rate : 0;
    }

    /**
     * Checks the video stream's sample index (mp4/mov keep it in the header, so a cut file still has it whole)
     * against the file's length. Containers without an index up front (an avi whose index was cut off, MPEG-TS)
     * give no verdict here; {@link FrameCount} still catches large losses there.
     */
    private static Optional<CutSample> cutSample(FFmpegFrameGrabber grabber, Path file) {
        Optional<AVStream> stream = videoStream(grabber);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        long length;
        try {
            length = Files.size(file);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        AVStream video = stream.get();
        int samples = avformat.avformat_index_get_entries_count(video);
        for (int i = 0; i < samples; i++) {
            AVIndexEntry entry = avformat.avformat_index_get_entry(video, i);
            long end = entry.pos() + entry.size();
            if (entry.pos() >= 0 && end > length) {
                return Optional.of(new CutSample(i, samples, end, length));
            }
        }
        return Optional.empty();
    }

    /**
     * The frames a file declares for its video stream, to tell a stream that ended early from a whole one.
     *
     * @param frames      the stream's stored count (mp4 and avi store it), else its duration times the rate; 0 when
     *                    unknown
     * @param stored      whether {@code frames} is the stored count rather than an estimate
     * @param byContainer the container's duration times the rate (0 when unknown): for a note only, since an audio
     *                    track may outlast the video
     */
    record FrameCount(long frames, boolean stored, long byContainer) {
        static FrameCount of(FFmpegFrameGrabber grabber, double rate) {
            Optional<AVStream> stream = videoStream(grabber);
            AVFormatContext format = grabber.getFormatContext();
            long byContainer = format != null && format.duration() > 0 && rate > 0 && Double.isFinite(rate)
                    ? Math.round(format.duration() / (double) avutil.AV_TIME_BASE * rate) : 0;
            if (stream.isPresent() && stream.get().nb_frames() > 0) {
                return new FrameCount(stream.get().nb_frames(), true, byContainer);
            }
            return new FrameCount(stream.map(s -> Math.round(durationFrames(s, rate))).orElse(0L), false,
                    byContainer);
        }
    }

    /**
     * The next frame in presentation order. Where a constant-rate stream's presentation times jump by more than
     * one and a half frame periods, FFmpeg has skipped frames it could not decode: each comes first as a frame of
     * {@link Image.Unreadable} at its expected stamp, so that the pipeline counts it ({@code decode_failed}).
     */
    @Override
    public Optional<Frame> next() throws SourceException {
        if (!pending.isEmpty()) {
            return Optional.of(pending.poll());
        }
        if (ended) {
            return Optional.empty();
        }
        org.bytedeco.javacv.Frame decoded;
        try {
            decoded = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            ended = true;
            throw new SourceException(path + ": decoding failed after frame " + seq + " (at "
                    + String.format(Locale.ROOT, "%.3f", Math.max(0, lastStampNanos) / 1e9) + " s): "
                    + FfmpegErrors.reason(e), e);
        }
        if (decoded == null || decoded.image == null) {
            ended = true;
            if (cut.isPresent()) {
                CutSample c = cut.get();
                throw new SourceException(path + ": truncated or corrupt: the file ends at byte " + c.fileLength()
                        + " inside video sample " + c.index() + " of " + c.samples() + " (which needs bytes up to "
                        + c.endByte() + "); the " + seq + " complete frames before it were read");
            }
            long missing = declared.frames() - seq;
            if (declared.frames() > 0 && missing > Math.max(2, declared.frames() / 100)) {
                throw new SourceException(path + ": truncated or corrupt: the video stream ends after frame " + seq
                        + " (" + String.format(Locale.ROOT, "%.3f", Math.max(0, lastStampNanos) / 1e9)
                        + " s) but declares " + declared.frames() + " frames");
            }
            if (missing > 0 && declared.stored()) {
                addMissingAtTheEnd(missing);
            } else if (missing > 0) {
                notes.add(path + ": the video stream ended after " + seq + " frames; its duration times its rate "
                        + "suggests " + declared.frames()
                        + " (the file stores no frame count, so none is counted lost)");
            } else if (declared.frames() == 0 && declared.byContainer() > seq) {
                notes.add(path + ": the video stream ended after " + seq + " frames, while the container's duration "
                        + "times the rate suggests " + declared.byContainer() + ": the file may be truncated (it "
                        + "stores no frame count, so none is counted lost)");
            }
            return Optional.ofNullable(pending.poll());
        }
        int width = decoded.imageWidth;
        int height = decoded.imageHeight;
        int step = decoded.imageStride;
        ByteBuffer pixels = ((ByteBuffer) decoded.image[0]).duplicate();
        pixels.position(0);
        byte[] data = new byte[Math.multiplyExact(step, height)];
        if (pixels.remaining() < data.length) {
            ended = true;
            throw new SourceException(path + ": frame " + seq + " has " + pixels.remaining() + " bytes, expected "
                    + data.length);
        }
        pixels.get(data);
        long stamp = decoded.timestamp * 1_000L;
        if (stamp <= lastStampNanos) {
            stamp = lastStampNanos + 1; // keep stamps increasing when a file repeats or lacks PTS
        }
        addSkippedBefore(stamp);
        lastStampNanos = stamp;
        pending.add(new Frame(seq++, stamp, System.nanoTime(), frameId,
                new Image.Raw(width, height, "bgr8", step, data), Optional.empty()));
        return Optional.of(pending.poll());
    }

    /** Queues an unreadable frame for every frame period missing between the last frame and {@code stamp}. */
    private void addSkippedBefore(long stamp) {
        if (periodNanos <= 0 || lastStampNanos == Long.MIN_VALUE || stamp - lastStampNanos <= periodNanos * 3 / 2) {
            return;
        }
        long missing = Math.round((stamp - lastStampNanos) / (double) periodNanos) - 1;
        addUnreadable(missing, periodNanos, "FFmpeg skipped it as corrupt; " + missing + " frame(s) missing between "
                + seconds(lastStampNanos) + " s and " + seconds(stamp) + " s");
    }

    /**
     * The last {@code missing} frames of a stream that stores its frame count and ended a frame or two short of it
     * (FFmpeg skipped them as corrupt; a cut file was caught above), as unreadable frames after the last one: one
     * frame period apart at a constant rate; at a variable rate, one period of the nominal rate apart (their real
     * stamps are unknown).
     */
    private void addMissingAtTheEnd(long missing) {
        long period = periodNanos > 0 ? periodNanos : fps.map(f -> Math.round(1e9 / f)).orElse(1L);
        addUnreadable(missing, period, "the stream declares " + declared.frames() + " frames and ended after "
                + (declared.frames() - missing));
    }

    /** Queues {@code count} unreadable frames, {@code period} apart after the last stamp, saying {@code why}. */
    private void addUnreadable(long count, long period, String why) {
        long last = lastStampNanos == Long.MIN_VALUE ? -period : lastStampNanos;
        for (long k = 1; k <= count; k++) {
            long expected = last + k * period;
            pending.add(new Frame(seq++, expected, System.nanoTime(), frameId, new Image.Unreadable(path
                    + ": the frame at " + seconds(expected) + " s could not be decoded (" + why + ")"),
                    Optional.empty()));
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** The file path. */
    @Override
    public String describe() {
        return path.toString();
    }

    /**
     * What the end of the stream showed that costs no frame: a stream that stores no frame count and ended short of
     * its own or its container's duration times its rate (an estimate, so no frame is counted as lost).
     */
    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The container's frame rate, when it declares one. */
    @Override
    public Optional<Double> nominalFps() {
        return fps;
    }

    @Override
    public void close() {
        release(grabber);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing more to release
        }
    }
}
