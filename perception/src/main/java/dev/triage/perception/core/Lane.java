package dev.triage.perception.core;

import java.util.List;

/**
 * One lane boundary as a polyline from far (top of the image) to near (bottom).
 *
 * @param slot       position relative to the ego vehicle: 0 = second left, 1 = ego left, 2 = ego right, 3 = second right
 * @param points     polyline in the input frame's pixels, sorted by increasing y
 * @param confidence mean confidence of the points in [0, 1]
 */
public record Lane(int slot, List<Point> points, double confidence) {

    public Lane {
        points = List.copyOf(points);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
    }

    /** The lane's x at row {@code y} by linear interpolation, or NaN outside its vertical extent. */
    public double xAt(double y) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (y >= a.y() && y <= b.y()) {
                double t = b.y() == a.y() ? 0 : (y - a.y()) / (b.y() - a.y());
                return a.x() + t * (b.x() - a.x());
            }
        }
        if (points.size() == 1 && points.get(0).y() == y) {
            return points.get(0).x();
        }
        return Double.NaN;
    }
}
