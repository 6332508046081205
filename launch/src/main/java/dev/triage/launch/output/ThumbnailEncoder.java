package dev.triage.launch.output;

import dev.triage.perception.core.PerceptionResult;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * One drawn overlay frame as a {@link Thumbnail}: scaled down to at most {@link OverlayVideoTap#THUMBNAIL_WIDTH}
 * pixels wide, JPEG at quality 80, with a one-line caption (the result's scene, detections, lanes and latency, or
 * the problem's kind).
 */
final class ThumbnailEncoder {
    private static final int JPEG_QUALITY = 80;

    private ThumbnailEncoder() {
    }

    /**
     * The thumbnail of a frame.
     *
     * @param item the frame's result or problem
     * @param img  its drawn pixels; not released here
     */
    static Thumbnail encode(OverlayItem item, Mat img) {
        int width = OverlayVideoTap.THUMBNAIL_WIDTH;
        Mat small = img;
        if (img.cols() > width) {
            small = new Mat();
            long height = Math.max(1, Math.round(img.rows() * width / (double) img.cols()));
            Imgproc.resize(img, small, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
        }
        MatOfByte jpeg = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
        try {
            Imgcodecs.imencode(".jpg", small, jpeg, params);
            return new Thumbnail(item.index, item.seq, caption(item), jpeg.toArray(), small.cols(), small.rows());
        } finally {
            params.release();
            jpeg.release();
            if (small != img) {
                small.release();
            }
        }
    }

    /** One line saying what the frame shows. */
    static String caption(OverlayItem item) {
        if (item.result != null) {
            PerceptionResult r = item.result;
            return String.format(Locale.ROOT, "#%d %s, %d detections, %d lanes, %.1f ms%s", r.seq(),
                    r.context().scene(), r.detections().size(), r.lanes().size(), r.latencyNanos() / 1e6,
                    r.deadlineMet() ? "" : " (deadline missed)");
        }
        return "#" + item.problem.seq() + " " + item.problem.kind().name().toLowerCase(Locale.ROOT);
    }
}
