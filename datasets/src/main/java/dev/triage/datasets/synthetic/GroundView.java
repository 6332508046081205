package dev.triage.datasets.synthetic;

import java.util.Arrays;

/**
 * The road surface as one frame's camera sees it: which forward distance each image row shows, where the visible
 * ground ends (the horizon, or the top of a crest) and where a ground point projects. The ground painter, the lane
 * labels and the object placement all use one instance per frame, so paint, labels and objects agree on slopes.
 *
 * <p>A flat road is inverted in closed form ({@link Camera}); a curved profile is tabulated once per frame by
 * marching forward in 0.4 % steps up to {@link #MAX_DEPTH}. Ground beyond the first point where the road turns
 * away from the camera (the top of a crest) counts as hidden, even where it would show again farther on.
 */
final class GroundView {
    /** Farthest tabulated ground distance on a curved road, metres. */
    static final double MAX_DEPTH = 2000;
    private static final double STEP = 1.004;

    private final Camera camera;
    private final GroundProfile profile;
    private final double[] depths;
    private final double[] rows;

    private GroundView(Camera camera, GroundProfile profile, double[] depths, double[] rows) {
        this.camera = camera;
        this.profile = profile;
        this.depths = depths;
        this.rows = rows;
    }

    /** The ground of {@code road} seen through {@code camera}. */
    static GroundView of(Camera camera, RoadModel road) {
        GroundProfile profile = road.profile();
        if (profile.flat()) {
            return new GroundView(camera, profile, null, null);
        }
        int max = (int) Math.ceil(Math.log(MAX_DEPTH / Camera.NEAR) / Math.log(STEP)) + 1;
        double[] z = new double[max];
        double[] r = new double[max];
        int n = 0;
        for (double d = Camera.NEAR; d <= MAX_DEPTH && n < max; d *= STEP) {
            ImagePoint p = camera.project(0, profile.elevation(d), d);
            if (p == null && n == 0) {
                continue; // closer than the near plane (a camera pitched up)
            }
            if (p == null || (n > 0 && p.v() >= r[n - 1])) {
                break;
            }
            z[n] = d;
            r[n] = p.v();
            n++;
        }
        return new GroundView(camera, profile, Arrays.copyOf(z, n), Arrays.copyOf(r, n));
    }

    /** Top image row of the visible ground (sub-pixel): the horizon, or the top of a crest. */
    double horizonRow() {
        return depths == null ? camera.horizonRow() : (rows.length == 0 ? camera.height() : rows[rows.length - 1]);
    }

    /** Farthest visible ground distance; infinite on a flat road. */
    double visibleTo() {
        return depths == null ? Double.POSITIVE_INFINITY : (depths.length == 0 ? 0 : depths[depths.length - 1]);
    }

    /** Forward distance of the ground seen at row {@code v}; NaN above the visible ground. */
    double depthAtRow(double v) {
        if (depths == null || rows.length == 0 || v >= rows[0]) {
            return camera.groundDepthAtRow(v); // flat, or closer than the table starts (the slope is nil there)
        }
        if (v < rows[rows.length - 1]) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = rows.length - 1; // rows[lo] > v >= rows[hi], rows strictly decreasing
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid] > v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (rows[lo] - v) / (rows[lo] - rows[hi]);
        return depths[lo] + t * (depths[hi] - depths[lo]);
    }

    /** Road height at forward distance {@code z}. */
    double elevation(double z) {
        return profile.elevation(z);
    }

    /** Depth along the optical axis of the ground point at forward distance {@code z}. */
    double depth(double z) {
        return camera.depth(profile.elevation(z), z);
    }

    /** Column where the ground point at world {@code x} and forward distance {@code z} projects; NaN if behind. */
    double column(double x, double z) {
        double zc = depth(z);
        return zc < Camera.NEAR ? Double.NaN : camera.cx() + camera.focalPx() * x / zc;
    }
}
