package dev.triage.datasets.video;

import org.bytedeco.ffmpeg.global.avutil;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FFmpeg's reason for a failure, in its own words: JavaCV reports {@code avformat_open_input() error -1094995529:
 * Could not open input "...". (Has setFormat() been called?) (For more details, make sure FFmpegLogCallback.set() has
 * been called.)}, hints to its programmers that say nothing to a user; this gives {@code av_strerror}'s text of the
 * error number instead ({@code Invalid data found when processing input}), or the message without the hints.
 */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern HINTS = Pattern.compile("\\s*\\((Has setFormat|For more details).*$", Pattern.DOTALL);

    private FfmpegErrors() {
    }

    /** The reason to show for {@code e}, thrown by JavaCV's grabber. */
    static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = CODE.matcher(message);
        if (m.find()) {
            String text = strerror(Integer.parseInt(m.group(1)));
            if (!text.isEmpty()) {
                return text;
            }
        }
        return HINTS.matcher(message).replaceAll("");
    }

    private static String strerror(int code) {
        byte[] buffer = new byte[256];
        if (avutil.av_strerror(code, buffer, buffer.length) != 0) {
            return "";
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8).strip();
    }
}
