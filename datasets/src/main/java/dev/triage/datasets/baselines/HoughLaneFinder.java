package dev.triage.datasets.baselines;

import dev.triage.perception.core.Lane;
import dev.triage.perception.core.Point;
import dev.triage.perception.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The classic baseline lane finder: grey, Gaussian blur, Canny edges, a trapezoid region of interest in front of the
 * car, probabilistic Hough segments, split into left (negative slope, left part of the image) and right (positive
 * slope, right part), one straight line {@code x = a y + b} fitted to each side (least squares over segment
 * endpoints, weighted by segment length), drawn from the bottom row up to the top of the region of interest, or up
 * to just below the two lines' vanishing point when both are found and it lies higher. Returns at most two lanes:
 * slot 1 (ego-left) and slot 2 (ego-right). Every length is relative to the frame size, so any resolution works.
 * Stateless apart from its parameters; thread-safe.
 *
 * <pre>{@code
 * List<Lane> lanes = new HoughLaneFinder(HoughLaneFinder.Params.defaults()).find(bgr);
 * }</pre>
 */
public final class HoughLaneFinder {

    /**
     * Finder settings; fractions are of the frame's width (x) or height (y).
     *
     * @param cannyLow      Canny low threshold
     * @param cannyHigh     Canny high threshold
     * @param roiTop        top edge of the region of interest, fraction of the height
     * @param roiTopHalfWidth half width of the trapezoid's top edge, fraction of the width
     * @param roiBottomMargin margin of the trapezoid's bottom corners from the image sides, fraction of the width
     * @param houghThreshold minimum votes of a Hough segment at 960 px width (scaled with the width, at least 8)
     * @param minLineLength minimum segment length, fraction of the width
     * @param maxLineGap    maximum gap bridged within a segment, fraction of the width
     * @param minAbsSlope   segments flatter than this |dy/dx| are dropped (crossings, shadows)
     */
    public record Params(double cannyLow, double cannyHigh, double roiTop, double roiTopHalfWidth,
                         double roiBottomMargin, int houghThreshold, double minLineLength, double maxLineGap,
                         double minAbsSlope) {
        /** Canny 50/150, ROI from 60 % of the height, top half-width 8 %, Hough 20 votes, length 3 %, gap 4 %. */
        public static Params defaults() {
            return new Params(50, 150, 0.6, 0.08, 0.02, 20, 0.03, 0.04, 0.4);
        }
    }

    private final Params params;

    public HoughLaneFinder(Params params) {
        OpenCv.load();
        this.params = params;
    }

    /** Up to two lanes (slots 1 and 2) in {@code bgr}'s pixels. */
    public List<Lane> find(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        Mat grey = new Mat();
        Mat edges = new Mat();
        Mat mask = Mat.zeros(h, w, CvType.CV_8UC1);
        Mat masked = new Mat();
        Mat segments = new Mat();
        try {
            if (bgr.channels() == 1) {
                bgr.copyTo(grey);
            } else {
                Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            }
            Imgproc.GaussianBlur(grey, grey, new Size(5, 5), 0);
            Imgproc.Canny(grey, edges, params.cannyLow(), params.cannyHigh());
            double top = params.roiTop() * h;
            MatOfPoint trapezoid = new MatOfPoint(
                    new org.opencv.core.Point(params.roiBottomMargin() * w, h - 1),
                    new org.opencv.core.Point((0.5 - params.roiTopHalfWidth()) * w, top),
                    new org.opencv.core.Point((0.5 + params.roiTopHalfWidth()) * w, top),
                    new org.opencv.core.Point((1 - params.roiBottomMargin()) * w, h - 1));
            Imgproc.fillPoly(mask, List.of(trapezoid), new Scalar(255));
            trapezoid.release();
            Core.bitwise_and(edges, mask, masked);
            int votes = Math.max(8, (int) Math.round(params.houghThreshold() * w / 960.0));
            Imgproc.HoughLinesP(masked, segments, 1, Math.PI / 180, votes,
                    params.minLineLength() * w, params.maxLineGap() * w);
            Fit left = new Fit();
            Fit right = new Fit();
            for (int i = 0; i < segments.rows(); i++) {
                double[] s = segments.get(i, 0);
                double x1 = s[0];
                double y1 = s[1];
                double x2 = s[2];
                double y2 = s[3];
                if (x1 == x2) {
                    continue;
                }
                double slope = (y2 - y1) / (x2 - x1);
                if (Math.abs(slope) < params.minAbsSlope()) {
                    continue;
                }
                double length = Math.hypot(x2 - x1, y2 - y1);
                if (slope < 0 && Math.max(x1, x2) < 0.6 * w) {
                    left.add(x1, y1, length);
                    left.add(x2, y2, length);
                } else if (slope > 0 && Math.min(x1, x2) > 0.4 * w) {
                    right.add(x1, y1, length);
                    right.add(x2, y2, length);
                }
            }
            Optional<double[]> l = left.line();
            Optional<double[]> r = right.line();
            double yTop = top;
            if (l.isPresent() && r.isPresent() && l.get()[0] != r.get()[0]) {
                // x = a1 y + b1 = a2 y + b2  ->  y = (b2 - b1) / (a1 - a2)
                double yv = (r.get()[1] - l.get()[1]) / (l.get()[0] - r.get()[0]);
                double below = yv + 0.03 * h;
                if (below < yTop && below > 0) {
                    yTop = below;
                }
            }
            List<Lane> lanes = new ArrayList<>();
            double finalTop = yTop;
            l.ifPresent(line -> toLane(1, line, finalTop, w, h, left.weight).ifPresent(lanes::add));
            r.ifPresent(line -> toLane(2, line, finalTop, w, h, right.weight).ifPresent(lanes::add));
            return lanes;
        } finally {
            grey.release();
            edges.release();
            mask.release();
            masked.release();
            segments.release();
        }
    }

    private static Optional<Lane> toLane(int slot, double[] line, double yTop, int w, int h, double weight) {
        List<Point> points = new ArrayList<>();
        double step = Math.max(2, h / 48.0);
        List<Double> ys = new ArrayList<>();
        for (double y = yTop; y < h - 1; y += step) {
            ys.add(y);
        }
        ys.add(h - 1.0);
        for (double y : ys) {
            double x = line[0] * y + line[1];
            if (x >= 0 && x <= w - 1) {
                points.add(new Point(x, y));
            }
        }
        if (points.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Lane(slot, points, Math.min(1.0, weight / h)));
    }

    /** Weighted least squares of x on y. */
    private static final class Fit {
        private double sw;
        private double sy;
        private double sx;
        private double syy;
        private double sxy;
        private double weight;
        private int n;

        void add(double x, double y, double wgt) {
            sw += wgt;
            sy += wgt * y;
            sx += wgt * x;
            syy += wgt * y * y;
            sxy += wgt * x * y;
            weight += wgt / 2;
            n++;
        }

        /** {a, b} of x = a y + b. */
        Optional<double[]> line() {
            if (n < 2) {
                return Optional.empty();
            }
            double d = sw * syy - sy * sy;
            if (Math.abs(d) < 1e-9) {
                return Optional.empty();
            }
            double a = (sw * sxy - sy * sx) / d;
            double b = (sx - a * sy) / sw;
            return Optional.of(new double[] {a, b});
        }
    }
}
