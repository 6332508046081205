package dev.triage.datasets.synthetic;

/** Accumulates the image-space extent of drawn parts. */
final class Bounds {
    double x1 = Double.POSITIVE_INFINITY;
    double y1 = Double.POSITIVE_INFINITY;
    double x2 = Double.NEGATIVE_INFINITY;
    double y2 = Double.NEGATIVE_INFINITY;

    void add(double u, double v) {
        x1 = Math.min(x1, u);
        x2 = Math.max(x2, u);
        y1 = Math.min(y1, v);
        y2 = Math.max(y2, v);
    }

    void add(ImagePoint p) {
        if (p != null) {
            add(p.u(), p.v());
        }
    }

    void add(double u, double v, double pad) {
        add(u - pad, v - pad);
        add(u + pad, v + pad);
    }

    void add(Bounds o) {
        if (!o.isEmpty()) {
            add(o.x1, o.y1);
            add(o.x2, o.y2);
        }
    }

    boolean isEmpty() {
        return x2 < x1 || y2 < y1;
    }

    Extent extent() {
        return new Extent(x1, y1, x2, y2);
    }
}
