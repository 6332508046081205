package dev.triage.datasets.bag;

import dev.triage.datasets.rosmsg.ImageTypes;
import dev.triage.datasets.rosmsg.MalformedMessageException;
import dev.triage.datasets.rosmsg.RosImageMessage;

/**
 * Parses ROS1-serialized sensor_msgs/Image and sensor_msgs/CompressedImage messages. Pixels are passed on as they
 * are (no conversion, unsupported encodings included): the pipeline's decoder checks them and counts what it
 * cannot use.
 */
public final class RosImageMessageParser {
    /** Type name of raw images. */
    public static final String IMAGE = "sensor_msgs/Image";
    /** Type name of compressed images. */
    public static final String COMPRESSED_IMAGE = "sensor_msgs/CompressedImage";
    /** md5sum of sensor_msgs/Image. */
    public static final String IMAGE_MD5 = "060021388200f6f0f447d0fcd9c64743";
    /** md5sum of sensor_msgs/CompressedImage. */
    public static final String COMPRESSED_IMAGE_MD5 = "8f7a12909da2c9d3332d540a0977563f";
    /** The two image types this parser reads. */
    public static final ImageTypes TYPES = new ImageTypes(IMAGE, COMPRESSED_IMAGE);

    private RosImageMessageParser() {
    }

    /**
     * Parses {@code data} as a message of {@code type} with definition {@code md5sum}.
     *
     * @throws MalformedMessageException when the type is not an image type, the md5sum names another definition,
     *                                   or the bytes do not parse
     */
    public static RosImageMessage parse(String type, String md5sum, byte[] data) throws MalformedMessageException {
        String expected = IMAGE.equals(type) ? IMAGE_MD5 : COMPRESSED_IMAGE.equals(type) ? COMPRESSED_IMAGE_MD5 : null;
        if (expected == null) {
            throw MalformedMessageException.wrongDefinition("type " + type + " is not " + TYPES.names());
        }
        if (!md5sum.isEmpty() && !"*".equals(md5sum) && !expected.equals(md5sum)) {
            throw MalformedMessageException.wrongDefinition(type + " with md5sum " + md5sum + " has another "
                    + "definition than this reader's (" + expected + ")");
        }
        return RosImageMessage.read(new MessageCursor(data), IMAGE.equals(type));
    }
}
