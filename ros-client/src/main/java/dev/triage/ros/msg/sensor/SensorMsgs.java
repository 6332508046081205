package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.MessageType;

/** The sensor_msgs types this client speaks. */
public final class SensorMsgs {

    /** sensor_msgs/Image. */
    public static final MessageType<Image> IMAGE = MessageType.of("sensor_msgs/Image", Image.class);
    /** sensor_msgs/CompressedImage. */
    public static final MessageType<CompressedImage> COMPRESSED_IMAGE =
            MessageType.of("sensor_msgs/CompressedImage", CompressedImage.class);
    /** sensor_msgs/RegionOfInterest. */
    public static final MessageType<RegionOfInterest> REGION_OF_INTEREST =
            MessageType.of("sensor_msgs/RegionOfInterest", RegionOfInterest.class);
    /** sensor_msgs/CameraInfo. */
    public static final MessageType<CameraInfo> CAMERA_INFO =
            MessageType.of("sensor_msgs/CameraInfo", CameraInfo.class);

    private SensorMsgs() {
    }
}
