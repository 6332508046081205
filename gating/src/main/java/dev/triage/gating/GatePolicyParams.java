package dev.triage.gating;

import dev.triage.perception.core.Bounds;

import java.util.Objects;

/**
 * Tuning of {@link GatePolicy}. Defaults: {@code alpha 0.3, enter 0.7, dwell 10, uncertainBelow 0.65}, no speed prior.
 *
 * @param alpha            exponential smoothing weight of the newest gate output, in [0.01, 1]; 1 disables smoothing
 * @param enterThreshold   another scene's smoothed probability needed to switch to it, in (0.5, 1] (so at most one
 *                         scene can reach it)
 * @param minDwellFrames   frames a context is held after a switch (or the start) before the next switch, in
 *                         [0, 1000]
 * @param uncertainBelow   the belief is uncertain while the current scene's smoothed probability is below this,
 *                         in [0.5, 1]; uncertain frames run the top two scenes' experts when the budget allows
 * @param speedPrior       the speed prior; {@link SpeedPrior#off()} for none. Its {@code maxOddsFactor} must stay
 *                         below the enter threshold's odds {@code enter / (1 - enter)}, so speed alone never decides
 */
public record GatePolicyParams(double alpha, double enterThreshold, int minDwellFrames, double uncertainBelow,
                               SpeedPrior speedPrior) {

    public GatePolicyParams {
        Objects.requireNonNull(speedPrior, "speedPrior");
        Bounds.closed("alpha", alpha, 0.01, 1);
        Bounds.openClosed("enterThreshold", enterThreshold, 0.5, 1);
        Bounds.closed("minDwellFrames", minDwellFrames, 0, 1000);
        Bounds.closed("uncertainBelow", uncertainBelow, 0.5, 1);
        if (!(enterThreshold > minimumEnterThreshold(speedPrior))) {
            double enterOdds = enterThreshold >= 1 ? Double.POSITIVE_INFINITY : enterThreshold / (1 - enterThreshold);
            throw new IllegalArgumentException("speedPrior.maxOddsFactor " + speedPrior.maxOddsFactor()
                    + " must be below the enter threshold's odds " + enterOdds
                    + ", or speed alone could switch the context");
        }
    }

    /**
     * The lowest enter threshold {@code prior} allows, exclusive: {@code f / (1 + f)} for the prior's
     * {@code maxOddsFactor f} (0.5 without a prior, 0.6 for {@link SpeedPrior#defaults()}). At or below it the prior
     * alone could lift an undecided scene over the threshold.
     */
    public static double minimumEnterThreshold(SpeedPrior prior) {
        double f = prior.maxOddsFactor();
        return f / (1 + f);
    }

    /** Alpha 0.3, enter 0.7, dwell 10 frames, uncertain below 0.65, no speed prior. */
    public static GatePolicyParams defaults() {
        return new GatePolicyParams(0.3, 0.7, 10, 0.65, SpeedPrior.off());
    }

    /** A copy with {@code prior}. */
    public GatePolicyParams withSpeedPrior(SpeedPrior prior) {
        return new GatePolicyParams(alpha, enterThreshold, minDwellFrames, uncertainBelow, prior);
    }
}
