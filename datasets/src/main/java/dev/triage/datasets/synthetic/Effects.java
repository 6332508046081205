package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Camera effect strengths for a drive or sample.
 *
 * @param vignette   0..1 corner darkening
 * @param noiseSigma Gaussian noise standard deviation in grey levels
 * @param blurSigma  Gaussian blur sigma in pixels
 * @param exposure   gain on the whole frame (auto-exposure error), 1 for none
 * @param jpegQuality re-encode the frame as JPEG at this quality (compression artefacts), 0 for none
 * @param headlights 0..1 strength of the ego headlights' pool of light on the road ahead (night)
 * @param rain       0..1 density of rain streaks
 */
record Effects(double vignette, double noiseSigma, double blurSigma, double exposure, int jpegQuality,
               double headlights, double rain) {

    /** The drive's effects: vignetting, noise and blur only. */
    static Effects sample(SplittableRandom rng) {
        return new Effects(rng.nextDouble(0.2, 1.0), rng.nextDouble(1.5, 7.0), rng.nextDouble(0.5, 1.3), 1, 0, 0, 0);
    }

    /**
     * Effects for a training sample under {@code light}: as {@link #sample}, plus an exposure error of -0.7..+0.5
     * stops, JPEG re-encoding at quality 20..80 on 35 % of samples, ego headlights at night, rain streaks and
     * stronger blur in rain, and more noise in the dark (sensor gain).
     */
    static Effects sampleVaried(SplittableRandom rng, Lighting light) {
        double vignette = rng.nextDouble(0.2, 1.0);
        double noise = rng.nextDouble(1.5, 7.0);
        double blur = rng.nextDouble(0.5, 1.3);
        double exposure = Math.pow(2, rng.nextDouble(-0.7, 0.5));
        int jpeg = rng.nextDouble() < 0.35 ? rng.nextInt(20, 81) : 0;
        double headlights = 0;
        double rain = 0;
        if (light.weather() == Lighting.Weather.NIGHT) {
            headlights = rng.nextDouble(0.5, 1.0);
            noise *= 1.6;
        } else if (light.weather() == Lighting.Weather.RAIN) {
            rain = rng.nextDouble(0.3, 1.0);
            blur = rng.nextDouble(0.9, 1.8);
        }
        return new Effects(vignette, noise, blur, exposure, jpeg, headlights, rain);
    }
}
