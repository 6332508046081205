package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Light of one drive or sample: overall brightness, a dusk factor that warms and darkens, atmospheric haze and the
 * sky gradient.
 *
 * @param brightness    multiplier on object colours
 * @param tint          per-channel multiplier (warm at dusk)
 * @param hazeDistance  metres at which a colour is 63 % haze
 * @param skyTop        sky colour at the top of the frame
 * @param skyHorizon    sky colour at the horizon, also the haze colour
 * @param cloudiness    0..1 amount of cloud texture in the sky
 * @param dusk          0..1, turns on lit tail lights and windows
 * @param weather       the condition drawn, for the camera effects that go with it (headlights, rain)
 */
record Lighting(double brightness, Bgr tint, double hazeDistance, Bgr skyTop, Bgr skyHorizon, double cloudiness,
                double dusk, Weather weather) {

    /** The condition a light was drawn for. */
    enum Weather { CLEAR, OVERCAST, DUSK, NIGHT, RAIN }

    /**
     * Draws light for a training sample: 12 % night (street-lit, dark sky, lit tail lights and windows; the camera
     * effects add the ego headlights), 10 % rain (dark overcast, short visibility; the effects add streaks and
     * blur), otherwise {@link #sample} (the drive's clear, overcast and dusk).
     */
    static Lighting sampleVaried(SplittableRandom rng) {
        double kind = rng.nextDouble();
        if (kind < 0.12) {
            double br = rng.nextDouble(0.16, 0.34);
            double glow = rng.nextDouble(0, 1); // city glow at the horizon
            Bgr top = new Bgr(rng.nextDouble(14, 30), rng.nextDouble(8, 20), rng.nextDouble(5, 14));
            Bgr hor = new Bgr(20 + 20 * glow, 28 + 35 * glow, 34 + 60 * glow);
            return new Lighting(br, new Bgr(0.85, 0.95, 1.12), rng.nextDouble(120, 400), top, hor,
                    rng.nextDouble(0, 0.3), 1.0, Weather.NIGHT);
        }
        if (kind < 0.22) {
            double br = rng.nextDouble(0.45, 0.72);
            double g = rng.nextDouble(110, 165);
            Bgr top = new Bgr(g + 4, g + 1, g - 4);
            Bgr hor = new Bgr(g + 22, g + 20, g + 16);
            return new Lighting(br, new Bgr(1.03, 1, 0.96), rng.nextDouble(60, 180), top, hor,
                    rng.nextDouble(0.6, 1.0), rng.nextDouble(0, 0.5), Weather.RAIN);
        }
        return sample(rng);
    }

    /** Draws random light: mostly day (clear or overcast), sometimes dusk. */
    static Lighting sample(SplittableRandom rng) {
        double kind = rng.nextDouble();
        if (kind < 0.55) { // clear day
            double br = rng.nextDouble(0.85, 1.15);
            Bgr top = new Bgr(rng.nextDouble(185, 225), rng.nextDouble(135, 170), rng.nextDouble(80, 115));
            Bgr hor = new Bgr(rng.nextDouble(225, 245), rng.nextDouble(215, 232), rng.nextDouble(195, 220));
            return new Lighting(br, new Bgr(1, 1, 1.02), rng.nextDouble(350, 900), top, hor,
                    rng.nextDouble(0, 0.6), 0, Weather.CLEAR);
        } else if (kind < 0.82) { // overcast
            double br = rng.nextDouble(0.7, 0.95);
            double g = rng.nextDouble(165, 205);
            Bgr top = new Bgr(g + 6, g + 2, g - 4);
            Bgr hor = new Bgr(g + 20, g + 18, g + 14);
            return new Lighting(br, new Bgr(1.02, 1, 0.97), rng.nextDouble(200, 450), top, hor,
                    rng.nextDouble(0.3, 1.0), 0, Weather.OVERCAST);
        } else { // dusk
            double dusk = rng.nextDouble(0.5, 1.0);
            double br = rng.nextDouble(0.45, 0.7);
            Bgr top = new Bgr(rng.nextDouble(95, 140), rng.nextDouble(60, 90), rng.nextDouble(45, 75));
            Bgr hor = new Bgr(rng.nextDouble(90, 140), rng.nextDouble(140, 185), rng.nextDouble(200, 245));
            return new Lighting(br, new Bgr(0.8, 0.9, 1.08), rng.nextDouble(250, 600), top, hor,
                    rng.nextDouble(0, 0.5), dusk, Weather.DUSK);
        }
    }

    /** {@code base} under this light, without haze. */
    Bgr lit(Bgr base) {
        return base.times(tint).scale(brightness);
    }

    /** Fraction of haze at distance {@code z} metres. */
    double haze(double z) {
        return 1 - Math.exp(-Math.max(0, z) / hazeDistance);
    }

    /** {@code base} under this light seen from {@code z} metres. */
    Bgr shade(Bgr base, double z) {
        return lit(base).mix(skyHorizon, haze(z));
    }
}
