package dev.triage.datasets.baselines;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic baseline pedestrian detector: OpenCV's default HOG + linear SVM people detector (Dalal and Triggs,
 * 64x128 window). Frames wider than {@link Params#maxWidth()} are scaled down first, for speed, and the boxes scaled
 * back. The detector's window holds a margin around the person (about 16 px of 64 on each side, 16 px of 128 above
 * and below), so boxes are shrunk to the person's expected extent ({@link Params#shrinkWidth()},
 * {@link Params#shrinkHeight()}). The SVM margin becomes a score in [0, 1] by a logistic function (monotonic, so
 * ranking and AP are unchanged). Not thread-safe: one per thread.
 *
 * <pre>{@code
 * try (HogPedestrianDetector hog = new HogPedestrianDetector(HogPedestrianDetector.Params.defaults())) {
 *     List<Detection> people = hog.detect(bgr);
 * }
 * }</pre>
 */
public final class HogPedestrianDetector implements AutoCloseable {

    /**
     * Detector settings.
     *
     * @param maxWidth      frames wider than this are scaled down to it
     * @param scaleStep     pyramid scale step of detectMultiScale
     * @param winStride     window stride in pixels
     * @param padding       padding in pixels
     * @param hitThreshold  SVM margin threshold of a window
     * @param groupThreshold detectMultiScale's grouping threshold (final threshold)
     * @param shrinkWidth   fraction of the window's width kept around its centre
     * @param shrinkHeight  fraction of the window's height kept around its centre
     */
    public record Params(int maxWidth, double scaleStep, int winStride, int padding, double hitThreshold,
                         double groupThreshold, double shrinkWidth, double shrinkHeight) {
        /** 1280 px, scale 1.05, stride 8, padding 16, hit threshold 0, group threshold 2, keep 60 % x 80 %. */
        public static Params defaults() {
            return new Params(1280, 1.05, 8, 16, 0, 2, 0.6, 0.8);
        }
    }

    private final Params params;
    private final HOGDescriptor hog;

    public HogPedestrianDetector(Params params) {
        OpenCv.load();
        this.params = params;
        this.hog = new HOGDescriptor();
        hog.setSVMDetector(HOGDescriptor.getDefaultPeopleDetector());
    }

    /** Pedestrian boxes in {@code bgr}'s pixels. */
    public List<Detection> detect(Mat bgr) {
        double scale = bgr.cols() > params.maxWidth() ? params.maxWidth() / (double) bgr.cols() : 1.0;
        Mat input = bgr;
        Mat resized = null;
        if (scale < 1.0) {
            resized = new Mat();
            Imgproc.resize(bgr, resized, new Size(Math.round(bgr.cols() * scale), Math.round(bgr.rows() * scale)),
                    0, 0, Imgproc.INTER_AREA);
            input = resized;
        }
        MatOfRect found = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            hog.detectMultiScale(input, found, weights, params.hitThreshold(),
                    new Size(params.winStride(), params.winStride()), new Size(params.padding(), params.padding()),
                    params.scaleStep(), params.groupThreshold(), false);
            Rect[] rects = found.toArray();
            double[] w = weights.empty() ? new double[0] : weights.toArray();
            List<Detection> out = new ArrayList<>(rects.length);
            for (int i = 0; i < rects.length; i++) {
                Rect r = rects[i];
                double cx = (r.x + r.width / 2.0) / scale;
                double cy = (r.y + r.height / 2.0) / scale;
                double hw = r.width * params.shrinkWidth() / 2.0 / scale;
                double hh = r.height * params.shrinkHeight() / 2.0 / scale;
                BoundingBox box = new BoundingBox(cx - hw, cy - hh, cx + hw, cy + hh).clippedTo(bgr.cols(), bgr.rows());
                double margin = i < w.length ? w[i] : 0;
                out.add(new Detection(ObjectClass.PEDESTRIAN, 1.0 / (1.0 + Math.exp(-margin)), box));
            }
            return out;
        } finally {
            found.release();
            weights.release();
            if (resized != null) {
                resized.release();
            }
        }
    }

    @Override
    public void close() {
        // HOGDescriptor frees its native object when collected; nothing else is held.
    }
}
