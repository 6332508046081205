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
    private Mat bgr;

    /**
     * @param pixels 8-bit pixels with {@code order.channels()} channels; this object releases the matrix header
     * @param order  their channel order
     */
    public DecodedImage(Mat pixels, ChannelOrder order) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.order = Objects.requireNonNull(order, "order");
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

    /** Columns of the frame. */
    public int width() {
        return pixels.cols();
    }

    /** Rows of the frame. */
    public int height() {
        return pixels.rows();
    }

    /**
     * The frame as full-size 8-bit BGR: the pixels themselves when they are BGR, else converted on the first call
     * and kept until {@link #close()}. Read only.
     */
    public Mat bgr() {
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
