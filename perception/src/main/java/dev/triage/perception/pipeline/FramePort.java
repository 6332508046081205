package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;

/**
 * The frame input of a {@link CameraPipeline}. Every frame handed in is counted as {@code frames_in}; what happens
 * to it next (processed, replaced, stale, failed) is counted by the worker. Thread-safe; one producer is expected.
 *
 * <pre>{@code
 * FramePort frames = pipeline.frames();
 * frames.offer(frame);          // live camera: the newest frame wins
 * }</pre>
 */
public interface FramePort {

    /**
     * Live delivery: puts the frame in the one-slot mailbox, replacing (and counting as dropped) a frame the worker
     * has not taken yet. Never blocks.
     *
     * @return false once the port is closed (the frame is refused and not counted)
     */
    boolean offer(Frame frame);

    /**
     * Lossless delivery: waits until the worker has taken the previous frame. Never drops.
     *
     * @return false once the port is closed (the frame is refused and not counted)
     */
    boolean put(Frame frame) throws InterruptedException;

    /** No more frames: the worker finishes the frame in the slot, if any, and ends. */
    void close();
}
