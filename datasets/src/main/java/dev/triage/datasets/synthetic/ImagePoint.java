package dev.triage.datasets.synthetic;

/**
 * A projected point.
 *
 * @param u     column in pixels (continuous, 0 at the left edge of the first column)
 * @param v     row in pixels
 * @param depth distance along the optical axis in metres
 */
record ImagePoint(double u, double v, double depth) {
}
