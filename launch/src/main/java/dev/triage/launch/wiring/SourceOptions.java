package dev.triage.launch.wiring;

import dev.triage.datasets.labels.LabelledDataset;

import java.util.Objects;
import java.util.Optional;

/**
 * Source settings from the command line that only some sources use.
 *
 * @param topic image topic of a recording (.bag, .mcap, .db3, rosbag2 folder) ({@code --topic}); empty: the first image topic
 * @param fps   frame rate of an image-folder source ({@code --fps}), for its stamps; empty: 10
 * @param speedTopic vehicle-speed topic of a recording ({@code --speed-topic}); empty: the recording's first speed
 *                   topic (std_msgs/Float32, carla_msgs/CarlaSpeedometer, nav_msgs/Odometry), if it has one
 * @param labels the labels sidecar of a recording ({@code --labels}, {@link LabelledDataset#loadStamped}), matched to
 *               its frames by header stamp; empty: no ground truth
 */
public record SourceOptions(Optional<String> topic, Optional<Double> fps, Optional<String> speedTopic,
                            Optional<LabelledDataset> labels) {
    /** No options: every source uses its defaults. */
    public static final SourceOptions DEFAULTS = new SourceOptions(Optional.empty(), Optional.empty(),
            Optional.empty());

    public SourceOptions {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(fps, "fps");
        Objects.requireNonNull(speedTopic, "speedTopic");
        Objects.requireNonNull(labels, "labels");
    }

    /** Options without labels. */
    public SourceOptions(Optional<String> topic, Optional<Double> fps, Optional<String> speedTopic) {
        this(topic, fps, speedTopic, Optional.empty());
    }
}
