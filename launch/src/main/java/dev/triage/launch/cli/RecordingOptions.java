package dev.triage.launch.cli;

import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.launch.wiring.SourceOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of a recording source that {@code replay} and {@code eval} share (a picocli mixin): the image topic,
 * the vehicle-speed topic and the labels sidecar.
 */
final class RecordingOptions {
    @Option(names = "--topic", paramLabel = "TOPIC", description = "Image topic of a recording: a ROS 1 .bag, or a "
            + "ROS 2 bag folder (metadata.yaml), .mcap or .db3 (sensor_msgs/Image or CompressedImage; default: the "
            + "first image topic).")
    String topic;

    @Option(names = "--speed-topic", paramLabel = "TOPIC", description = "Vehicle-speed topic of a recording "
            + "(std_msgs/Float32, carla_msgs/CarlaSpeedometer or nav_msgs/Odometry), fed to the gate's speed prior "
            + "as the node does (default: the recording's first such topic, if any).")
    String speedTopic;

    @Option(names = "--labels", paramLabel = "DIR", description = "Labels sidecar of a recording: a folder with "
            + "labels.csv (stamp,scene,source) and optionally boxes.csv (stamp,class,x1,y1,x2,y2), "
            + "label_2/<stamp ns>.txt and TuSimple JSON lines with \"stamp\" for \"raw_file\": the image-folder "
            + "label formats, naming frames by header stamp. Writes metrics.json as for a labelled image folder.")
    Path labels;

    /** Whether any recording option was given. */
    boolean any() {
        return topic != null || speedTopic != null || labels != null;
    }

    /**
     * The source options, with the labels sidecar loaded.
     *
     * @throws IOException naming the label file and line when the sidecar cannot be read
     */
    SourceOptions sourceOptions(Optional<Double> fps) throws IOException {
        return new SourceOptions(Optional.ofNullable(topic), fps, Optional.ofNullable(speedTopic),
                labels == null ? Optional.empty() : Optional.of(LabelledDataset.loadStamped(labels)));
    }
}
