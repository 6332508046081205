package dev.triage.launch.output;

import dev.triage.perception.pipeline.LatencySummary;

import java.util.Optional;

/**
 * What the overlay writer did.
 *
 * @param videoEnabled  whether an overlay video was asked for
 * @param framesWritten frames encoded into the video
 * @param framesDropped overlay frames dropped because the encoder could not keep up (real-time replay only)
 * @param fps           frame rate of the video
 * @param width         video width in pixels (0 if none was written)
 * @param height        video height in pixels
 * @param codec         name of the FFmpeg encoder used, for example {@code libopenh264}
 * @param encodeMs      per-frame cost on the encoder thread: decode of dropped frames, draw, colour conversion,
 *                      h264 encode and thumbnails
 * @param handoffMs     per-frame cost on the worker thread: copying the pixels and queueing them, including any
 *                      wait for a full queue
 * @param blockedMs     total time the worker waited for the encoder (lossless replay), in milliseconds
 * @param error         why the video stopped or never started, if it did
 */
public record OverlayStats(boolean videoEnabled, long framesWritten, long framesDropped, double fps, int width,
                          int height, String codec, LatencySummary encodeMs, LatencySummary handoffMs,
                          double blockedMs, Optional<String> error) {
}
