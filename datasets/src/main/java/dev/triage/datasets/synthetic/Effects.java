package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Camera effect strengths for a drive or sample.
 *
 * @param vignette   0..1 corner darkening
 * @param noiseSigma Gaussian noise standard deviation in grey levels
 * @param blurSigma  Gaussian blur sigma in pixels
 */
record Effects(double vignette, double noiseSigma, double blurSigma) {

    static Effects sample(SplittableRandom rng) {
        return new Effects(rng.nextDouble(0.2, 1.0), rng.nextDouble(1.5, 7.0), rng.nextDouble(0.5, 1.3));
    }
}
