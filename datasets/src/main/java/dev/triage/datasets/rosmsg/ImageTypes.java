package dev.triage.datasets.rosmsg;

import java.util.Optional;

/**
 * The two image message types of one ROS version as its recordings name them (ROS 1 {@code sensor_msgs/Image},
 * ROS 2 {@code sensor_msgs/msg/Image}, and their CompressedImage): which topics an image source may read.
 *
 * @param image           the raw image type
 * @param compressedImage the compressed image type
 */
public record ImageTypes(String image, String compressedImage) {

    /** True for either of the two types. */
    public boolean contains(String type) {
        return image.equals(type) || compressedImage.equals(type);
    }

    /** Both names, for errors: {@code sensor_msgs/Image or sensor_msgs/CompressedImage}. */
    public String names() {
        return image + " or " + compressedImage;
    }

    /** The choice of a recording's image topic: {@code requested}, else the first topic of either type. */
    public TopicChoice topicChoice(Optional<String> requested) {
        return new TopicChoice(requested, this::contains, names());
    }
}
