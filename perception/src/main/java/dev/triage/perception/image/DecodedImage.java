package dev.triage.perception.image;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.util.Objects;

/**
 * A frame's pixels as the worker holds them between decode and the models: 8-bit, in the order they arrived
 * ({@link ChannelOrder}), over the decoder's reused buffer for raw images. {@link TensorPreprocessor} resizes these
 * pixels first and handles the colour order on the small image, so no whole-frame colour conversion runs for the
 * models. A full-size BGR copy is made only when asked for ({@link #bgr()}: overlay outputs), once per frame.
 *
 * <p>Valid until the decoder's next call and until {@link #close()}; owned by one worker thread.
 */
public final class DecodedImage implements AutoCloseable {
    private final Mat pixels;
    private final ChannelOrder order;
    private final int width;
    private final int height;
    private Mat bgr;

    /**
     * Pixels at the frame's own size.
     *
     * @param pixels 8-bit pixels with {@code order.channels()} channels; this object releases the matrix header
     * @param order  their channel order
     */
    public DecodedImage(Mat pixels, ChannelOrder order) {
        this(pixels, order, pixels.cols(), pixels.rows());
    }

    /**
     * Pixels of a frame of {@code width x height} that were decoded at a reduced scale (a JPEG through libjpeg's DCT
     * scaling), so the matrix may be smaller than the frame.
     *
     * @param pixels 8-bit pixels with {@code order.channels()} channels; this object releases the matrix header
     * @param order  their channel order
     * @param width  columns of the frame (the coordinates of every output)
     * @param height rows of the frame
     */
    public DecodedImage(Mat pixels, ChannelOrder order, int width, int height) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.order = Objects.requireNonNull(order, "order");
        this.width = width;
        this.height = height;
        if (pixels.channels() != order.channels()) {
            throw new IllegalArgumentException(order + " needs " + order.channels() + " channels, the matrix has "
                    + pixels.channels());
        }
    }

    /** The pixels as they arrived (read only). */
    public Mat pixels() {
        return pixels;
    }

    /** Their channel order. */
    public ChannelOrder order() {
        return order;
    }

    /** Columns of the frame (of the pixels too, unless {@link #reduced()}). */
    public int width() {
        return width;
    }

    /** Rows of the frame (of the pixels too, unless {@link #reduced()}). */
    public int height() {
        return height;
    }

    /** Whether the pixels are smaller than the frame (decoded at reduced scale for the models only). */
    public boolean reduced() {
        return pixels.cols() != width || pixels.rows() != height;
    }

    /**
     * The frame as full-size 8-bit BGR: the pixels themselves when they are BGR, else converted on the first call
     * and kept until {@link #close()}. Read only.
     *
     * @throws IllegalStateException when the pixels were decoded at reduced scale
     */
    public Mat bgr() {
        if (reduced()) {
            throw new IllegalStateException("the frame was decoded at reduced scale (" + pixels.cols() + "x"
                    + pixels.rows() + " of " + width + "x" + height + "): no full-size pixels");
        }
        int code = order.toBgrCode();
        if (code < 0) {
            return pixels;
        }
        if (bgr == null) {
            bgr = new Mat();
            Imgproc.cvtColor(pixels, bgr, code);
        }
        return bgr;
    }

    /** Whether {@link #bgr()} has made a converted copy. */
    public boolean converted() {
        return bgr != null;
    }

    /** Releases the matrix header and the BGR copy, if any (never the decoder's buffer itself). */
    @Override
    public void close() {
        pixels.release();
        if (bgr != null) {
            bgr.release();
        }
    }
}
