package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Pinhole camera over the plane of the road under it. World axes: x right, y up, z forward along the road; the camera
 * sits at {@code (0, heightM, 0)} and is pitched down by {@code pitchRad}. No lens distortion. The ground methods
 * here assume a flat road; {@link GroundView} handles crests and sags.
 *
 * @param width    image columns
 * @param height   image rows
 * @param focalPx  focal length in pixels (from the horizontal field of view)
 * @param heightM  mounting height above the road in metres
 * @param pitchRad downward pitch in radians (positive looks down)
 */
record Camera(int width, int height, double focalPx, double heightM, double pitchRad) {

    /** Nearest depth that is projected; geometry closer than this is cut. */
    static final double NEAR = 0.5;

    static Camera withFov(int width, int height, double hfovDeg, double heightM, double pitchRad) {
        double f = (width / 2.0) / Math.tan(Math.toRadians(hfovDeg) / 2);
        return new Camera(width, height, f, heightM, pitchRad);
    }

    /** A random dash-cam mounting: FOV 55..70 deg, height 1.2..1.6 m, pitch -0.5..3 deg. */
    static Camera sample(SplittableRandom rng, int width, int height) {
        return withFov(width, height, rng.nextDouble(55, 70), rng.nextDouble(1.2, 1.6),
                Math.toRadians(rng.nextDouble(-0.5, 3.0)));
    }

    /**
     * A random mounting for training samples: FOV 48..95 deg, height 1.1..2.6 m (low cars to trucks and buses), pitch
     * -1..4.5 deg.
     */
    static Camera sampleVaried(SplittableRandom rng, int width, int height) {
        return withFov(width, height, rng.nextDouble(48, 95), rng.nextDouble(1.1, 2.6),
                Math.toRadians(rng.nextDouble(-1.0, 4.5)));
    }

    /** This camera with the pitch changed by {@code delta} radians (body pitch, bumps). */
    Camera pitchedBy(double delta) {
        return new Camera(width, height, focalPx, heightM, pitchRad + delta);
    }

    double cx() {
        return width / 2.0;
    }

    double cy() {
        return height / 2.0;
    }

    /** Depth along the optical axis of a world point. */
    double depth(double y, double z) {
        return z * Math.cos(pitchRad) - (y - heightM) * Math.sin(pitchRad);
    }

    /** Projects a world point; null when it is closer than {@link #NEAR}. */
    ImagePoint project(double x, double y, double z) {
        double s = Math.sin(pitchRad);
        double c = Math.cos(pitchRad);
        double dy = y - heightM;
        double zc = z * c - dy * s;
        if (zc < NEAR) {
            return null;
        }
        double up = dy * c + z * s;
        return new ImagePoint(cx() + focalPx * x / zc, cy() - focalPx * up / zc, zc);
    }

    /** Row of the horizon (vanishing line of the ground plane). */
    double horizonRow() {
        return cy() - focalPx * Math.tan(pitchRad);
    }

    /** Forward distance z of the ground point seen at row {@code v}; NaN at or above the horizon. */
    double groundDepthAtRow(double v) {
        double a = (cy() - v) / focalPx;
        double s = Math.sin(pitchRad);
        double c = Math.cos(pitchRad);
        double den = s - a * c;
        if (den <= 1e-9) {
            return Double.NaN;
        }
        return heightM * (c + a * s) / den;
    }

    /** Column where the ground point {@code (x, 0, z)} projects, or NaN behind the camera. */
    double groundColumn(double x, double z) {
        double zc = depth(0, z);
        return zc < NEAR ? Double.NaN : cx() + focalPx * x / zc;
    }
}
