package dev.triage.perception.spi;

import dev.triage.perception.core.Frame;

import java.util.List;
import java.util.Optional;

/**
 * Where frames come from: a replayed drive, a video file, a ROS topic, a simulator.
 * Called from one thread only.
 *
 * <pre>{@code
 * try (FrameSource source = new SyntheticDriveSource(config)) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Blocks until the next frame is available.
     *
     * @return the next frame, or empty at the end of the stream
     * @throws SourceException when the source cannot go on; frames already returned stay valid
     */
    Optional<Frame> next() throws SourceException;

    /** Human-readable name of the input, used in errors and reports (a path, a topic, "synthetic:seed=7"). */
    String describe();

    /** Nominal frame rate, if the source knows it; used for pacing and reports. */
    default Optional<Double> nominalFps() {
        return Optional.empty();
    }

    /**
     * What a user should read about the input that costs no frame (files of a folder not taken as images, for
     * instance); known once the source is open. {@code triage replay} prints them as notes.
     */
    default List<String> notes() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
