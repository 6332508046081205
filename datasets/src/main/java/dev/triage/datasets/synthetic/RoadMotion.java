package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * How curvature, ego heading and ego lateral position vary smoothly with the distance driven, so a continuous drive
 * shows smooth curves and gentle drift inside the lane.
 *
 * @param curveAmp   curvature amplitude (1/m)
 * @param curveLen   curvature wavelength over 2 pi (m)
 * @param curvePhase phase (rad)
 * @param curveBias  constant curvature (1/m)
 * @param headingAmp heading amplitude (rad)
 * @param offsetAmp  lateral drift amplitude (m)
 * @param driftLen   drift wavelength over 2 pi (m)
 * @param driftPhase phase (rad)
 */
record RoadMotion(double curveAmp, double curveLen, double curvePhase, double curveBias, double headingAmp,
                  double offsetAmp, double driftLen, double driftPhase) {

    static RoadMotion sample(SplittableRandom rng, double maxCurvature, double headingAmp, double offsetAmp) {
        double bias = rng.nextDouble() < 0.4 ? 0 : rng.nextDouble(-0.5, 0.5) * maxCurvature;
        return new RoadMotion(rng.nextDouble(0.2, 1.0) * maxCurvature, rng.nextDouble(40, 120),
                rng.nextDouble(0, 2 * Math.PI), bias, headingAmp * rng.nextDouble(0.3, 1.0),
                offsetAmp * rng.nextDouble(0.3, 1.0), rng.nextDouble(15, 40), rng.nextDouble(0, 2 * Math.PI));
    }

    /** The road seen after driving {@code s} metres. */
    RoadModel at(RoadLayout layout, double s) {
        double c = curveBias + curveAmp * Math.sin(s / curveLen + curvePhase);
        double h = headingAmp * Math.sin(s / driftLen + driftPhase + 1.3);
        double o = offsetAmp * Math.sin(s / driftLen + driftPhase);
        return new RoadModel(layout, o, h, c);
    }

    /** Direction the ego has turned through after {@code s} metres (radians), for the far backdrop. */
    double worldYaw(double s) {
        return curveBias * s - curveAmp * curveLen * Math.cos(s / curveLen + curvePhase);
    }
}
