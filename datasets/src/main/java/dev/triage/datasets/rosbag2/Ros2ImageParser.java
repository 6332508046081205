package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;

import java.util.Set;

/**
 * Parses CDR-serialized sensor_msgs/msg/Image and sensor_msgs/msg/CompressedImage (the ROS 2 layouts: header
 * {stamp{int32 sec, uint32 nanosec}, frame_id}, then the same fields as ROS 1). Pixels are passed on as recorded.
 */
public final class Ros2ImageParser {
    /** Type name of raw images. */
    public static final String IMAGE = "sensor_msgs/msg/Image";
    /** Type name of compressed images. */
    public static final String COMPRESSED_IMAGE = "sensor_msgs/msg/CompressedImage";
    private static final Set<String> TYPES = Set.of(IMAGE, COMPRESSED_IMAGE);

    private Ros2ImageParser() {
    }

    /** True for the two image types this parser reads. */
    public static boolean isImageType(String type) {
        return TYPES.contains(type);
    }

    /**
     * Parses {@code data} (CDR with its encapsulation header) as a message of {@code type}.
     *
     * @throws MalformedMessageException when the type is not an image type or the bytes do not parse
     */
    public static RosImageMessage parse(String type, byte[] data) throws MalformedMessageException {
        if (!isImageType(type)) {
            throw new MalformedMessageException("type " + type + " is not " + IMAGE + " or " + COMPRESSED_IMAGE);
        }
        return RosImageMessage.read(new CdrReader(data), IMAGE.equals(type));
    }
}
