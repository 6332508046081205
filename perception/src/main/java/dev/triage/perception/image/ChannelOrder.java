package dev.triage.perception.image;

/**
 * The byte order of a pixel in an 8-bit image as it arrived, so that colour order can be handled while building a
 * model tensor instead of in a separate whole-frame conversion.
 */
public enum ChannelOrder {
    /** Blue, green, red (OpenCV's own order; ROS bgr8, decoded JPEG and PNG). */
    BGR(3, 2, 1, 0),
    /** Red, green, blue (ROS rgb8). */
    RGB(3, 0, 1, 2),
    /** Blue, green, red, alpha (ROS bgra8, CARLA's cameras). */
    BGRA(4, 2, 1, 0),
    /** Red, green, blue, alpha (ROS rgba8). */
    RGBA(4, 0, 1, 2),
    /** One grey channel (ROS mono8). */
    GRAY(1, 0, 0, 0);

    private final int channels;
    private final int red;
    private final int green;
    private final int blue;

    ChannelOrder(int channels, int red, int green, int blue) {
        this.channels = channels;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    /** Bytes per pixel. */
    public int channels() {
        return channels;
    }

    /** Index of red within a pixel. */
    public int red() {
        return red;
    }

    /** Index of green within a pixel. */
    public int green() {
        return green;
    }

    /** Index of blue within a pixel. */
    public int blue() {
        return blue;
    }

    /** The OpenCV conversion code to BGR, or -1 when the pixels are BGR already. */
    int toBgrCode() {
        return switch (this) {
            case BGR -> -1;
            case RGB -> org.opencv.imgproc.Imgproc.COLOR_RGB2BGR;
            case BGRA -> org.opencv.imgproc.Imgproc.COLOR_BGRA2BGR;
            case RGBA -> org.opencv.imgproc.Imgproc.COLOR_RGBA2BGR;
            case GRAY -> org.opencv.imgproc.Imgproc.COLOR_GRAY2BGR;
        };
    }
}
