package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * The vehicle-speed samples of one topic of a recording, in recording order. Read beside the frames of the same
 * recording (its own file handle), so that a replay can feed the gate's speed prior as the node does.
 *
 * <pre>{@code
 * try (SpeedSource speeds = Rosbag2ImageSource.openSpeed(Path.of("drive_bag"), Optional.empty())) {
 *     for (Optional<SpeedSample> s = speeds.next(); s.isPresent(); s = speeds.next()) {
 *         speedPort.accept(s.get().stampNanos(), s.get().metresPerSecond());
 *     }
 * }
 * }</pre>
 */
public interface SpeedSource extends AutoCloseable {

    /**
     * The next sample; empty at the end.
     *
     * @throws SourceException naming the file and where it broke; samples returned before stay valid
     */
    Optional<SpeedSample> next() throws SourceException;

    /** {@code path [topic]}. */
    String describe();

    /** The speed topic, once known (at open when the recording lists its topics). */
    Optional<String> topic();

    @Override
    void close();
}
