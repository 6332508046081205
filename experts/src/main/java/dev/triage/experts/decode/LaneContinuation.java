package dev.triage.experts.decode;

import dev.triage.perception.core.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * Continues a decoded lane past the rows the head called absent at its two ends, each along the straight line
 * (least squares in x = a + b y) through the {@value #FIT_POINTS} points at that end:
 * <ul>
 *   <li><b>near end</b>: from its lowest point through every remaining row anchor, with a last point on the frame's
 *       side edge where the line leaves the frame. The head often calls a lane's lowest rows absent where a dashed
 *       line has a gap near the camera; a lane boundary is continuous, the near field is what lane keeping reads, and
 *       TuSimple's labels run every lane to the frame's bottom or side edge;</li>
 *   <li><b>far end</b>: one row anchor above its first point, when that point is inside the frame. The training-side
 *       lane metric, under which every shipped highway network was trained and chosen, read predicted lanes
 *       extrapolated by one anchor spacing; the served lanes now end where that metric read them.</li>
 * </ul>
 * Pure function, thread-safe.
 */
final class LaneContinuation {
    /** How many points at each end the direction is fitted to (the contract's shortest lane). */
    static final int FIT_POINTS = 4;

    private LaneContinuation() {
    }

    /**
     * @param points     the lane's present points, in increasing y
     * @param anchorYs   every row anchor in frame pixels, increasing
     * @param frameWidth frame width in pixels
     * @return the continued lane (a new list; the input is not changed); a lane of fewer than 2 points as it was
     */
    static List<Point> extend(List<Point> points, double[] anchorYs, int frameWidth) {
        List<Point> out = new ArrayList<>(points.size() + anchorYs.length);
        if (points.size() < 2) {
            out.addAll(points);
            return out;
        }
        double right = frameWidth - 1;
        Point first = points.get(0);
        double above = anchorAbove(first.y(), anchorYs);
        if (!Double.isNaN(above)) {
            double x = first.x() + slope(points.subList(0, Math.min(points.size(), FIT_POINTS))) * (above - first.y());
            if (x >= 0 && x <= right) {
                out.add(new Point(x, above));
            }
        }
        out.addAll(points);
        Point last = points.get(points.size() - 1);
        double slope = slope(points.subList(Math.max(0, points.size() - FIT_POINTS), points.size()));
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

    /** The nearest anchor row above {@code y}, or NaN when none is. */
    private static double anchorAbove(double y, double[] anchorYs) {
        double above = Double.NaN;
        for (double a : anchorYs) {
            if (a < y) {
                above = a;
            }
        }
        return above;
    }

    /** dx/dy of the least-squares line through the points (0 when they share one row). */
    private static double slope(List<Point> points) {
        int n = points.size();
        double meanX = 0;
        double meanY = 0;
        for (Point p : points) {
            meanX += p.x() / n;
            meanY += p.y() / n;
        }
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            double dy = p.y() - meanY;
            sxy += dy * (p.x() - meanX);
            syy += dy * dy;
        }
        return syy == 0 ? 0 : sxy / syy;
    }
}
