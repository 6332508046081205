package dev.triage.experts.decode;

import dev.triage.perception.core.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * Continues a decoded lane below its lowest present row to where it leaves the frame: through the remaining row
 * anchors, along the straight line through its lowest {@value #FIT_POINTS} points (least squares in x = a + b y),
 * started at the lowest point itself, and with a last point on the frame's side edge where the line crosses it.
 *
 * <p>Why: a lane boundary is continuous, and the row-anchor head often calls the lowest rows absent where a dashed
 * line has a gap near the camera. The near field is what lane keeping reads, and TuSimple's labels (the format the
 * evaluation uses) run every lane to the frame's bottom or side edge. Upward the lane is left as decoded: where a lane
 * begins near the horizon is not a continuation. Pure function, thread-safe.
 */
final class LaneEdgeExtension {
    /** How many of the lowest points the direction is fitted to. */
    static final int FIT_POINTS = 4;

    private LaneEdgeExtension() {
    }

    /**
     * @param points      the lane's present points, in increasing y, at least 2
     * @param anchorYs    every row anchor in frame pixels, increasing
     * @param frameWidth  frame width in pixels
     * @return the points followed by the continuation (a new list; the input is not changed)
     */
    static List<Point> extend(List<Point> points, double[] anchorYs, int frameWidth) {
        List<Point> out = new ArrayList<>(points);
        if (points.size() < 2) {
            return out;
        }
        double slope = slopeOfLowest(points);
        Point last = points.get(points.size() - 1);
        double right = frameWidth - 1;
        for (double y : anchorYs) {
            if (y <= last.y()) {
                continue;
            }
            double x = last.x() + slope * (y - last.y());
            if (x < 0 || x > right) {
                double edge = x < 0 ? 0 : right;
                out.add(new Point(edge, last.y() + (edge - last.x()) / slope));
                break;
            }
            out.add(new Point(x, y));
        }
        return out;
    }

    /** dx/dy of the least-squares line through the lowest {@value #FIT_POINTS} points. */
    private static double slopeOfLowest(List<Point> points) {
        int from = Math.max(0, points.size() - FIT_POINTS);
        int n = points.size() - from;
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < points.size(); i++) {
            meanX += points.get(i).x() / n;
            meanY += points.get(i).y() / n;
        }
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < points.size(); i++) {
            double dy = points.get(i).y() - meanY;
            sxy += dy * (points.get(i).x() - meanX);
            syy += dy * dy;
        }
        return syy == 0 ? 0 : sxy / syy;
    }
}
