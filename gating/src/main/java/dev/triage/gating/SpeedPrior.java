package dev.triage.gating;

import dev.triage.perception.core.Bounds;
import dev.triage.perception.core.SceneProbabilities;

import java.util.ArrayList;
import java.util.List;

/**
 * An optional prior from the vehicle's speed: it multiplies the odds of the gate's scene named {@value #SCENE} by
 * {@code factor(v) = maxOddsFactor ^ tanh((v - midpointMps) / widthMps)}, a smooth, bounded curve (a logistic in
 * log-odds) that is 1 at the midpoint, tends to {@code maxOddsFactor} when fast and {@code 1 / maxOddsFactor} when
 * slow. Because {@link GatePolicyParams} requires {@code maxOddsFactor} to stay below the enter threshold's odds,
 * speed alone can never decide: with an undecided gate (0.5 / 0.5) the adjusted probability stays below the
 * threshold, so the camera must agree before the context switches.
 *
 * <p>Other scene names carry no speed meaning: {@link #adjust} leaves their ratios to one another unchanged and
 * scales them together to fill the rest of the probability mass, so each of their odds moves by at most the same
 * bounded factor (inverted) and none of them can be pushed over the threshold by speed alone either. A gate without
 * a {@value #SCENE} scene is left as it is.
 *
 * @param midpointMps   speed of no preference, e.g. 15 m/s (54 km/h); {@code >= 0}
 * @param widthMps      how gradual the curve is, e.g. 5 m/s; {@code > 0}
 * @param maxOddsFactor bound of the factor, {@code >= 1}; 1 switches the prior off
 */
public record SpeedPrior(double midpointMps, double widthMps, double maxOddsFactor) {

    /** The scene whose odds speed raises: {@value}. */
    public static final String SCENE = "highway";

    public SpeedPrior {
        Bounds.closedOpen("speed prior midpointMps", midpointMps, 0, 200);
        Bounds.open("speed prior widthMps", widthMps, 0, 200);
        Bounds.closedOpen("speed prior maxOddsFactor", maxOddsFactor, 1, 100);
    }

    /** No prior: factor 1 at every speed. */
    public static SpeedPrior off() {
        return new SpeedPrior(15, 5, 1);
    }

    /** Midpoint 15 m/s, width 5 m/s, factor at most 1.5 either way. */
    public static SpeedPrior defaults() {
        return new SpeedPrior(15, 5, 1.5);
    }

    /** The factor applied to the highway odds at {@code speedMps}; in {@code [1/max, max]}. */
    public double oddsFactor(double speedMps) {
        if (!Double.isFinite(speedMps) || maxOddsFactor == 1) {
            return 1;
        }
        return Math.pow(maxOddsFactor, Math.tanh((speedMps - midpointMps) / widthMps));
    }

    /**
     * {@code raw} with the odds of {@value #SCENE} multiplied by {@link #oddsFactor(double)} and the other scenes
     * sharing the rest in their original proportions; {@code raw} itself when it has no {@value #SCENE} scene.
     */
    public SceneProbabilities adjust(SceneProbabilities raw, double speedMps) {
        int h = raw.scenes().indexOf(SCENE);
        if (h < 0) {
            return raw;
        }
        double highway = adjustHighway(raw.values().get(h), speedMps);
        double rest = 1 - highway;
        double others = 0;
        for (int i = 0; i < raw.size(); i++) {
            others += i == h ? 0 : raw.values().get(i);
        }
        List<Double> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (i == h) {
                values.add(highway);
            } else {
                values.add(others > 0 ? rest * (raw.values().get(i) / others) : rest / (raw.size() - 1));
            }
        }
        return new SceneProbabilities(raw.scenes(), values);
    }

    /** {@code highwayProbability} with its odds multiplied by {@link #oddsFactor(double)}. */
    public double adjustHighway(double highwayProbability, double speedMps) {
        double f = oddsFactor(speedMps);
        double h = highwayProbability * f;
        double u = 1 - highwayProbability;
        return h + u <= 0 ? highwayProbability : h / (h + u);
    }
}
