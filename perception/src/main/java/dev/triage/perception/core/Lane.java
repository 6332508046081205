package dev.triage.perception.core;

import java.util.List;

/**
 * One lane boundary as a polyline from far (top of the image) to near (bottom).
 *
 * @param slot            position relative to the ego vehicle: 0 = second left, 1 = ego left, 2 = ego right,
 *                        3 = second right
 * @param points          polyline in the input frame's pixels, sorted by increasing y
 * @param confidence      mean confidence of the points the model found, in [0, 1]
 * @param pointConfidence confidence of each point in [0, 1], or empty when the source gives none; 0 marks a point
 *                        that was not observed but continued from its neighbours (a lane expert's continuation)
 */
public record Lane(int slot, List<Point> points, double confidence, List<Double> pointConfidence) {

    public Lane {
        points = List.copyOf(points);
        pointConfidence = List.copyOf(pointConfidence);
        Bounds.closed("confidence", confidence, 0, 1);
        if (!pointConfidence.isEmpty() && pointConfidence.size() != points.size()) {
            throw new IllegalArgumentException("point confidences must be empty or one per point: "
                    + pointConfidence.size() + " for " + points.size() + " points");
        }
        for (double c : pointConfidence) {
            Bounds.closed("point confidence", c, 0, 1);
        }
    }

    /** A lane without per-point confidences. */
    public Lane(int slot, List<Point> points, double confidence) {
        this(slot, points, confidence, List.of());
    }

    /** {@link #pointConfidence()} as floats, for messages (empty when there are none). */
    public float[] pointConfidenceFloats() {
        float[] out = new float[pointConfidence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pointConfidence.get(i).floatValue();
        }
        return out;
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
