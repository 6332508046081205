package dev.triage.datasets.rosbag2;

import dev.triage.datasets.rosmsg.ImageTypes;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;

/**
 * Parses CDR-serialized sensor_msgs/msg/Image and sensor_msgs/msg/CompressedImage (the ROS 2 layouts: header
 * {stamp{int32 sec, uint32 nanosec}, frame_id}, then the same fields as ROS 1). Pixels are passed on as recorded.
 */
public final class Ros2ImageParser {
    /** Type name of raw images. */
    public static final String IMAGE = "sensor_msgs/msg/Image";
    /** Type name of compressed images. */
    public static final String COMPRESSED_IMAGE = "sensor_msgs/msg/CompressedImage";
    /** The two image types this parser reads. */
    public static final ImageTypes TYPES = new ImageTypes(IMAGE, COMPRESSED_IMAGE);

    private Ros2ImageParser() {
    }

    /**
     * Parses {@code data} (CDR with its encapsulation header) as a message of {@code type}.
     *
     * @throws MalformedMessageException when the type is not an image type or the bytes do not parse
     */
    public static RosImageMessage parse(String type, byte[] data) throws MalformedMessageException {
        if (!TYPES.contains(type)) {
            throw MalformedMessageException.wrongDefinition("type " + type + " is not " + TYPES.names());
        }
        return RosImageMessage.read(new CdrReader(data), IMAGE.equals(type));
    }
}
