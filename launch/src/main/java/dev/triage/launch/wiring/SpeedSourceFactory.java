package dev.triage.launch.wiring;

import dev.triage.datasets.bag.BagImageSource;
import dev.triage.datasets.rosbag2.Rosbag2Recording;
import dev.triage.datasets.rosbag2.Rosbag2ImageSource;
import dev.triage.datasets.rosmsg.SpeedMessages;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the vehicle-speed samples of a replayed recording (the SOURCE argument of {@code triage replay}): a ROS 1
 * {@code .bag}, or a ROS 2 bag folder, {@code .mcap} or {@code .db3}. Other sources carry no speed. A recording
 * that lists its topics up front and has no speed topic gives none; one without a topic list (an unindexed bag or
 * MCAP) reports a missing speed topic only when its {@link SpeedSource#next()} reaches the end.
 */
public final class SpeedSourceFactory {

    private SpeedSourceFactory() {
    }

    /**
     * @param topic the speed topic ({@code --speed-topic}); empty for the recording's first speed topic
     * @return the speed samples; empty when SOURCE is not a recording, or has no speed topic and none was asked for
     * @throws SourceException when a topic is asked of a source that is not a recording, or the recording cannot
     *                         be read or lacks the asked topic
     */
    public static Optional<SpeedSource> open(String spec, Optional<String> topic) throws SourceException {
        Path path = Path.of(spec);
        boolean bag = Files.isRegularFile(path)
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bag");
        if (!bag && !(Files.exists(path) && Rosbag2Recording.isRecording(path))) {
            if (topic.isPresent()) {
                throw new SourceException("--speed-topic applies to recordings (.bag, .mcap, .db3, rosbag2 folders) "
                        + "only, not to " + spec);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(bag ? BagImageSource.openSpeed(path, topic) : Rosbag2ImageSource.openSpeed(path, topic));
        } catch (SourceException e) {
            if (topic.isEmpty() && e.getMessage().contains(": no " + SpeedMessages.NAMES + " topic")) {
                return Optional.empty(); // a recording without speed
            }
            throw e;
        }
    }
}
