package dev.triage.perception.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One camera frame entering the pipeline.
 *
 * @param seq            source sequence number, strictly increasing per source
 * @param stampNanos     capture stamp on the source's clock (ROS header stamp, video PTS, sim time); copied to outputs
 * @param captureMonoNanos the source's best estimate of the capture instant on {@link System#nanoTime()}; the deadline is
 *                       this plus the budget
 * @param frameId        coordinate frame of the camera (ROS frame_id), or the file name for replays
 * @param image          the pixels, still encoded if the source delivered them so
 * @param truth          ground truth, when the source knows it
 */
public record Frame(long seq, long stampNanos, long captureMonoNanos, String frameId, Image image,
                    Optional<GroundTruth> truth) {

    public Frame {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(truth, "truth");
    }
}
