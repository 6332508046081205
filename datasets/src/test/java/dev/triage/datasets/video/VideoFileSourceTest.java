package dev.triage.datasets.video;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.testing.NoiseFiles;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import static dev.triage.datasets.SourceReads.readInto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link VideoFileSource} on a real h264 clip, on an MJPEG avi written here, and on broken files. */
class VideoFileSourceTest {
    private static final int W = 320;
    private static final int H = 240;
    @TempDir
    Path dir;

    static Path udacityClip() {
        Path data = Path.of(System.getProperty("triage.data.dir",
                Path.of(System.getProperty("triage.repo.root", "..")).resolve("../shared/data").toString()));
        return data.resolve("udacity_highway_p1/videos/solidWhiteRight.mp4").toAbsolutePath().normalize();
    }

    /** The Udacity clip; the test is skipped where the development data is missing. */
    private static Path udacityClipOrSkip() {
        Path clip = udacityClip();
        assumeTrue(Files.isRegularFile(clip), "development data missing: " + clip);
        return clip;
    }

    /** The first {@code keptBytes(length)} bytes of {@code file}, as {@code name} in the test folder. */
    private Path cutCopy(Path file, String name, IntUnaryOperator keptBytes) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, keptBytes.applyAsInt(bytes.length)));
    }

    @Test
    void decodesEveryFrameOfTheUdacityH264Clip() throws Exception {
        Path clip = udacityClipOrSkip();
        long start = System.nanoTime();
        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(clip)) {
            assertEquals(Optional.of(25.0), source.nominalFps());
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Image.Raw raw = (Image.Raw) f.get().image();
                assertEquals("bgr8", raw.encoding());
                assertEquals(960, raw.width());
                assertEquals(540, raw.height());
                assertTrue(raw.step() >= 3 * 960 && raw.data().length == raw.step() * 540);
                // keep the stamps, not the pixels
                frames.add(new Frame(f.get().seq(), f.get().stampNanos(), 0, f.get().frameId(),
                        new Image.Encoded("none", new byte[0]), Optional.empty()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "VideoFileSource: %d frames of 960x540 h264 in %.2f s (%.0f frames/s)%n",
                frames.size(), seconds, frames.size() / seconds);
        assertEquals(221, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, frames.get(i).seq());
            assertEquals(i * 40_000_000L, frames.get(i).stampNanos(), "PTS of frame " + i + " at 25 fps");
            assertEquals("solidWhiteRight.mp4", frames.get(i).frameId());
        }
    }

    @Test
    void aCutH264ClipYieldsItsFramesThenNamesTheFile() throws Exception {
        Path cut = cutCopy(udacityClipOrSkip(), "cut.mp4", length -> length * 3 / 4);
        try (VideoFileSource source = VideoFileSource.open(cut)) {
            SourceException e = assertThrows(SourceException.class, () -> {
                while (source.next().isPresent()) {
                    continue;
                }
            });
            assertTrue(e.getMessage().startsWith(cut + ": truncated or corrupt"), e.getMessage());
            assertTrue(e.getMessage().contains(" of 221 (which needs bytes up to "), e.getMessage());
        }
    }

    @Test
    void aClipCutInsideItsLastFrameNamesTheFileInsteadOfEndingQuietly() throws Exception {
        Path cut = cutCopy(udacityClipOrSkip(), "last-frame-cut.mp4", length -> length - 3000);
        List<Long> stamps = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(cut)) {
            SourceException e = assertThrows(SourceException.class, () -> {
                for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                    stamps.add(f.get().stampNanos());
                }
            });
            // FFmpeg drops the partial 221st sample silently; the source says so, after every complete frame
            assertEquals(220, stamps.size());
            assertEquals(cut + ": truncated or corrupt: the file ends at byte " + Files.size(cut)
                    + " inside video sample 220 of 221", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
            assertTrue(e.getMessage().endsWith("the 220 complete frames before it were read"), e.getMessage());
        }
    }

    @Test
    void framesFfmpegSkipsAsCorruptMidStreamAreUnreadableFramesAtTheirStamps() throws Exception {
        byte[] bytes = Files.readAllBytes(udacityClipOrSkip());
        for (int i = 200_000; i < 260_000; i++) {
            bytes[i] ^= 0x5A; // damage a stretch of samples early in the clip; the rest is intact
        }
        Path damaged = Files.write(dir.resolve("damaged.mp4"), bytes);
        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(damaged)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        // every frame the stream declares is there, in order, at its stamp: decoded or named as unreadable
        assertEquals(221, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, frames.get(i).seq());
            assertEquals(i * 40_000_000L, frames.get(i).stampNanos(), "stamp of frame " + i);
        }
        List<Frame> unreadable = frames.stream().filter(f -> f.image() instanceof Image.Unreadable).toList();
        assertTrue(!unreadable.isEmpty() && unreadable.size() < 30, "skipped frames: " + unreadable.size());
        String reason = ((Image.Unreadable) unreadable.get(0).image()).reason();
        assertTrue(reason.startsWith(damaged + ": the frame at "), reason);
        assertTrue(reason.contains("could not be decoded (FFmpeg skipped it as corrupt"), reason);
    }

    @Test
    void theLastFramesSkippedAsCorruptAreUnreadableFramesAfterTheLastDecodedOne() throws Exception {
        Path damaged = dir.resolve("tail.mp4");
        List<Frame> frames = readWithTheLastTwoSamplesDamaged(udacityClipOrSkip(), 221, damaged);
        assertEquals(221, frames.size());
        assertEquals(8_800_000_000L, frames.get(220).stampNanos());
        assertEquals(new Image.Unreadable(damaged + ": the frame at 8.800 s could not be decoded (the stream declares "
                + "221 frames and ended after 219)"), frames.get(220).image());
        assertTrue(frames.get(219).image() instanceof Image.Unreadable);
        assertTrue(frames.get(218).image() instanceof Image.Raw);
    }

    @Test
    void aVariableRateClipKeepsItsUnevenIntervalsAndEndingShortOfItsStoredCountCostsUnreadableFrames()
            throws Exception {
        long[] stampsMicros = new long[12]; // 40 ms and 160 ms apart in turn: average 10 fps, nothing missing
        for (int i = 0; i < stampsMicros.length; i++) {
            stampsMicros[i] = i / 2 * 200_000L + i % 2 * 40_000L;
        }
        Path vfr = writeH264(dir.resolve("vfr.mp4"), "mp4", 1000, stampsMicros);
        List<Frame> whole = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(vfr)) {
            readInto(source, whole);
        }
        // a 160 ms interval is no frame skipped as corrupt: the stream is not taken as constant-rate
        assertEquals(Arrays.stream(stampsMicros).map(us -> us * 1000).boxed().toList(),
                whole.stream().map(Frame::stampNanos).toList());
        assertTrue(whole.stream().allMatch(f -> f.image() instanceof Image.Raw));

        Path damaged = dir.resolve("vfr-tail.mp4");
        List<Frame> frames = readWithTheLastTwoSamplesDamaged(vfr, stampsMicros.length, damaged);
        assertEquals(12, frames.size());
        assertTrue(frames.get(9).image() instanceof Image.Raw);
        for (int i : List.of(10, 11)) {
            Image.Unreadable lost = (Image.Unreadable) frames.get(i).image();
            assertTrue(lost.reason().startsWith(damaged + ": the frame at "), lost.reason());
            assertTrue(lost.reason().endsWith("could not be decoded (the stream declares 12 frames and ended after "
                    + "10)"), lost.reason());
            assertTrue(frames.get(i).stampNanos() > frames.get(i - 1).stampNanos());
        }
    }

    @Test
    void aCutMatroskaClipThatStoresNoFrameCountSaysSoInANote() throws Exception {
        long[] stampsMicros = new long[30];
        for (int i = 0; i < stampsMicros.length; i++) {
            stampsMicros[i] = i * 100_000L;
        }
        Path mkv = writeH264(dir.resolve("drive.mkv"), "matroska", 10, stampsMicros);
        try (VideoFileSource source = VideoFileSource.open(mkv)) {
            assertEquals(30, readInto(source, new ArrayList<>()).size());
            assertEquals(List.of(), source.notes());
        }
        Path cut = cutCopy(mkv, "cut.mkv", length -> length - 400);
        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(cut)) {
            readInto(source, frames); // FFmpeg ends the stream quietly at the cut
            assertEquals(29, frames.size());
            assertEquals(List.of(cut + ": the video stream ended after 29 frames, while the container's duration "
                    + "times the rate suggests 30: the file may be truncated (it stores no frame count, so none is "
                    + "counted lost)"), source.notes());
        }
    }

    /**
     * Every frame of a copy of the mp4 {@code clip} (a track of {@code count} samples), written to {@code damaged},
     * whose last two samples have an impossible NAL length: FFmpeg drops both without a word.
     */
    private static List<Frame> readWithTheLastTwoSamplesDamaged(Path clip, int count, Path damaged)
            throws IOException, SourceException {
        byte[] bytes = Files.readAllBytes(clip);
        List<Integer> samples = videoSampleOffsets(bytes, count);
        for (int s : List.of(count - 2, count - 1)) {
            Arrays.fill(bytes, samples.get(s), samples.get(s) + 4, (byte) 0xFF);
        }
        Files.write(damaged, bytes);
        try (VideoFileSource source = VideoFileSource.open(damaged)) {
            return readInto(source, new ArrayList<>());
        }
    }

    /** Where each sample of the mp4 track with {@code count} samples starts (its stsz, stsc and stco boxes). */
    private static List<Integer> videoSampleOffsets(byte[] mp4, int count) {
        ByteBuffer b = ByteBuffer.wrap(mp4);
        String text = new String(mp4, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int stsz = text.indexOf("stsz"), track = 0; stsz >= 0; stsz = text.indexOf("stsz", stsz + 1), track++) {
            if (b.getInt(stsz + 12) != count) {
                continue;
            }
            int stsc = nth(text, "stsc", track);
            int stco = nth(text, "stco", track);
            List<Integer> offsets = new ArrayList<>();
            for (int chunk = 0, sample = 0; chunk < b.getInt(stco + 8) && sample < count; chunk++) {
                int perChunk = 0;
                for (int e = 0; e < b.getInt(stsc + 8); e++) {
                    if (b.getInt(stsc + 12 + 12 * e) <= chunk + 1) {
                        perChunk = b.getInt(stsc + 16 + 12 * e);
                    }
                }
                int at = b.getInt(stco + 12 + 4 * chunk);
                for (int k = 0; k < perChunk && sample < count; k++, sample++) {
                    offsets.add(at);
                    at += b.getInt(stsz + 16 + 4 * sample);
                }
            }
            return offsets;
        }
        throw new IllegalStateException("no track of " + count + " samples");
    }

    private static int nth(String text, String box, int n) {
        int at = text.indexOf(box);
        for (int i = 0; i < n; i++) {
            at = text.indexOf(box, at + 1);
        }
        return at;
    }

    @Test
    void readsBackAnMjpegAviWrittenWithJavaCv() throws Exception {
        Path avi = writeMjpegAvi(dir.resolve("drive.avi"), 12);
        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(avi)) {
            assertEquals(10.0, source.nominalFps().orElseThrow(), 1e-6);
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        assertEquals(12, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Image.Raw raw = (Image.Raw) frames.get(i).image();
            assertEquals(W, raw.width());
            assertEquals(H, raw.height());
            assertEquals(i * 100_000_000L, frames.get(i).stampNanos());
            assertTrue(meanAbsDiff(raw, pattern(i)) < 6, "frame " + i + " differs from what was written by "
                    + meanAbsDiff(raw, pattern(i)));
        }
    }

    @Test
    void aCutAviYieldsItsCompleteFramesThenNamesTheFile() throws Exception {
        Path cut = cutCopy(writeMjpegAvi(dir.resolve("full.avi"), 30), "cut.avi", length -> length / 2);
        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(cut)) {
            SourceException e = assertThrows(SourceException.class, () -> readInto(source, frames));
            assertTrue(e.getMessage().startsWith(cut + ": truncated or corrupt"), e.getMessage());
        }
        assertTrue(frames.size() >= 10 && frames.size() < 30, "frames before the cut: " + frames.size());
    }

    @Test
    void refusesAFileFfmpegCannotReadNamingIt() throws Exception {
        Path noise = NoiseFiles.write(dir.resolve("noise.mp4"), 50_000, 3);
        SourceException e = assertThrows(SourceException.class, () -> VideoFileSource.open(noise));
        assertTrue(e.getMessage().startsWith(noise + ": not a video file FFmpeg can read"), e.getMessage());
        // FFmpeg's reason in its own words, without JavaCV's hints to its programmers
        assertEquals(noise + ": not a video file FFmpeg can read (Invalid data found when processing input)",
                e.getMessage());
        SourceException missing = assertThrows(SourceException.class,
                () -> VideoFileSource.open(dir.resolve("absent.mp4")));
        assertEquals(dir.resolve("absent.mp4") + ": no such file or folder", missing.getMessage());
    }

    /** A 320x240 test pattern that changes with {@code i}: smooth gradients, which JPEG keeps well. */
    static byte[] pattern(int i) {
        byte[] bgr = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int o = (y * W + x) * 3;
                bgr[o] = (byte) ((x + 8 * i) % 256);
                bgr[o + 1] = (byte) (y + 10);
                bgr[o + 2] = (byte) ((x + y) / 3 + 20 * (i % 5));
            }
        }
        return bgr;
    }

    static Path writeMjpegAvi(Path file, int frames) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            recorder.setFrameRate(10);
            recorder.setVideoQuality(2);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(W, H,
                        org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, W * 3);
                ((ByteBuffer) frame.image[0]).put(pattern(i));
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                frame.close();
            }
            recorder.stop();
        }
        return file;
    }

    /** An h264 clip of {@link #pattern} frames at the given presentation times (microseconds) in {@code format}. */
    static Path writeH264(Path file, String format, int timeBaseRate, long[] stampsMicros) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
            recorder.setFormat(format);
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(timeBaseRate); // the stamps are rounded to its periods
            recorder.start();
            for (int i = 0; i < stampsMicros.length; i++) {
                org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(W, H,
                        org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3, W * 3);
                ((ByteBuffer) frame.image[0]).put(pattern(i));
                recorder.setTimestamp(stampsMicros[i]);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
                frame.close();
            }
            recorder.stop();
        }
        return file;
    }

    private static double meanAbsDiff(Image.Raw raw, byte[] expected) {
        long sum = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W * 3; x++) {
                sum += Math.abs((raw.data()[y * raw.step() + x] & 0xFF) - (expected[y * W * 3 + x] & 0xFF));
            }
        }
        return sum / (double) (W * H * 3);
    }
}
