package dev.triage.datasets.synthetic;

/** An image-space rectangle, x2/y2 exclusive, possibly outside the image. */
record Extent(double x1, double y1, double x2, double y2) {

    boolean contains(double u, double v) {
        return u >= x1 && u < x2 && v >= y1 && v < y2;
    }

    double height() {
        return y2 - y1;
    }
}
