package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Vertical profile of the road ahead: a parabolic vertical curve (a crest when the curvature is negative, a sag
 * when positive) starting under the camera, which continues as a straight grade beyond {@code curveLength}. The
 * elevation is relative to the road under the camera, whose grade the car body already follows (so the elevation
 * and its slope are zero at {@code z = 0}).
 *
 * @param verticalCurvature second derivative of the elevation in 1/m; 0 is a flat road
 * @param curveLength       metres over which the grade changes, then constant
 */
record GroundProfile(double verticalCurvature, double curveLength) {

    /** A flat road (the replayed drive uses only this). */
    static final GroundProfile FLAT = new GroundProfile(0, 1);

    GroundProfile {
        if (!(curveLength > 0)) {
            throw new IllegalArgumentException("curve length must be positive: " + curveLength);
        }
    }

    /**
     * A random profile for training samples: flat 45 %, otherwise a crest or a sag (equally likely) with a grade change
     * of 1.5 % to 10 % over 60 to 200 m. Steep crests hide the road beyond 60 to 120 m.
     */
    static GroundProfile sample(SplittableRandom rng) {
        if (rng.nextDouble() < 0.45) {
            return FLAT;
        }
        double length = rng.nextDouble(60, 200);
        double gradeChange = rng.nextDouble(0.015, 0.10) * (rng.nextBoolean() ? 1 : -1);
        return new GroundProfile(gradeChange / length, length);
    }

    boolean flat() {
        return verticalCurvature == 0;
    }

    /** Road height in metres at forward distance {@code z}, relative to the road under the camera. */
    double elevation(double z) {
        if (z <= curveLength) {
            return verticalCurvature * z * z / 2;
        }
        return verticalCurvature * curveLength * (z - curveLength / 2);
    }
}
