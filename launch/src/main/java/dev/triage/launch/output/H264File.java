package dev.triage.launch.output;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts an mp4 file in h264 (FFmpeg's build-in encoder, openh264 in the bundled FFmpeg), yuv420p, one encoder
 * thread, a key frame every two seconds and a bit rate scaled to the picture: the format of replay's
 * {@code overlay.mp4} and of the fleet's A/B clips.
 *
 * <pre>{@code
 * H264File.Started video = H264File.start(file, 1280, 720, 20.0);
 * video.recorder().record(converter.convert(bgr));
 * video.recorder().stop();
 * video.recorder().release();
 * }</pre>
 */
public final class H264File {
    private H264File() {
    }

    /**
     * A started file.
     *
     * @param recorder the recorder; the caller stops and releases it
     * @param codec    the encoder's name
     */
    public record Started(FFmpegFrameRecorder recorder, String codec) {
    }

    /**
     * Starts {@code file}; {@code width} and {@code height} must be even (yuv420p).
     *
     * @throws IOException naming the file when FFmpeg has no h264 encoder or cannot start it
     */
    public static Started start(Path file, int width, int height, double fps) throws IOException {
        AVCodec h264 = avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_H264);
        if (h264 == null || h264.isNull()) {
            throw new IOException("this FFmpeg build has no h264 encoder; " + file + " not written");
        }
        String codec = h264.name().getString();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(fps);
        r.setGopSize((int) Math.max(1, Math.round(fps * 2)));
        r.setVideoBitrate((int) Math.min(20_000_000, Math.max(200_000, width * (double) height * fps * 0.15)));
        r.setVideoOption("threads", "1"); // one encoder thread: the networks need the other cores
        try {
            r.start();
            return new Started(r, codec);
        } catch (Exception e) {
            try {
                r.release();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IOException("cannot start h264 encoder " + codec + " for " + file + ": " + e.getMessage(), e);
        }
    }
}
