package dev.triage.perception.core;

/**
 * Axis-aligned box in image pixels, corners inclusive of the top-left and exclusive of the bottom-right.
 *
 * @param x1 left
 * @param y1 top
 * @param x2 right, {@code >= x1}
 * @param y2 bottom, {@code >= y1}
 */
public record BoundingBox(double x1, double y1, double x2, double y2) {

    public BoundingBox {
        if (!(x2 >= x1 && y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union with {@code other}; 0 when either box is empty. */
    public double iou(BoundingBox other) {
        double iw = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double ih = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** This box scaled by independent factors on each axis. */
    public BoundingBox scaled(double sx, double sy) {
        return new BoundingBox(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
    }

    /** This box clipped to an image of the given size. */
    public BoundingBox clippedTo(int width, int height) {
        double cx1 = clamp(x1, width);
        double cy1 = clamp(y1, height);
        return new BoundingBox(cx1, cy1, Math.max(cx1, clamp(x2, width)), Math.max(cy1, clamp(y2, height)));
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
