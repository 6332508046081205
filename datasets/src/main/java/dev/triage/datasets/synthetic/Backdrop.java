package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Distant scenery on the horizon, as angular height profiles over the world azimuth: hills and a tree line for open
 * roads, a city skyline for streets.
 *
 * @param skyline    whether the far profile is a city skyline (else hills)
 * @param hillAmp    hill height in radians
 * @param treeAmp    tree line height in radians (0 for none)
 * @param farColour  hill or skyline base colour
 * @param treeColour tree line base colour
 * @param seed       for the profile noise
 */
record Backdrop(boolean skyline, double hillAmp, double treeAmp, Bgr farColour, Bgr treeColour, long seed) {

    static Backdrop sample(SplittableRandom rng, boolean skyline) {
        Bgr far = skyline
                ? new Bgr(rng.nextDouble(120, 160), rng.nextDouble(115, 150), rng.nextDouble(105, 140))
                : new Bgr(rng.nextDouble(90, 120), rng.nextDouble(110, 140), rng.nextDouble(95, 120));
        Bgr trees = new Bgr(rng.nextDouble(30, 55), rng.nextDouble(60, 95), rng.nextDouble(40, 70));
        double treeAmp = skyline ? (rng.nextDouble() < 0.5 ? rng.nextDouble(0.004, 0.01) : 0)
                : rng.nextDouble(0.006, 0.02);
        return new Backdrop(skyline, skyline ? rng.nextDouble(0.03, 0.09) : rng.nextDouble(0.0, 0.05), treeAmp,
                far, trees, rng.nextLong());
    }

    /** Height of the far profile above the horizon at world azimuth {@code az} (radians). */
    double farHeight(double az) {
        if (skyline) {
            double idx = Math.floor(az / 0.025);
            double h = Seeds.hash01(seed, (long) idx);
            double tower = Seeds.hash01(seed + 1, (long) idx) < 0.1 ? 1.8 : 1.0;
            return hillAmp * (0.25 + 0.75 * h * h) * tower;
        }
        double p = Seeds.hash01(seed, 1) * 6.28;
        return hillAmp * (0.55 + 0.3 * Math.sin(az * 3 + p) + 0.15 * Math.sin(az * 8.3 + 2 * p));
    }

    /** Height of the tree line above the horizon at world azimuth {@code az}. */
    double treeHeight(double az) {
        if (treeAmp <= 0) {
            return 0;
        }
        return treeAmp * (0.45 + 0.35 * noise(az * 40) + 0.2 * noise(az * 160 + 17));
    }

    private double noise(double x) {
        double f = Math.floor(x);
        double t = x - f;
        t = t * t * (3 - 2 * t);
        double a = Seeds.hash01(seed + 7, (long) f);
        double b = Seeds.hash01(seed + 7, (long) f + 1);
        return a + (b - a) * t;
    }
}
