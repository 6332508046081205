package dev.triage.perception.core;

/**
 * Probability of each {@link Scene}; the two values sum to one.
 *
 * @param urban   probability of an urban street
 * @param highway probability of a highway
 */
public record SceneProbabilities(double urban, double highway) {

    public SceneProbabilities {
        if (!(urban >= 0 && highway >= 0) || Math.abs(urban + highway - 1.0) > 1e-3) {
            throw new IllegalArgumentException("scene probabilities must be >= 0 and sum to 1: " + urban + ", " + highway);
        }
    }

    /** Builds a normalised pair from unnormalised non-negative scores. */
    public static SceneProbabilities normalised(double urbanScore, double highwayScore) {
        double sum = urbanScore + highwayScore;
        if (!(sum > 0)) {
            return new SceneProbabilities(0.5, 0.5);
        }
        return new SceneProbabilities(urbanScore / sum, highwayScore / sum);
    }

    /** A certain belief in one scene. */
    public static SceneProbabilities certain(Scene scene) {
        return scene == Scene.URBAN ? new SceneProbabilities(1, 0) : new SceneProbabilities(0, 1);
    }

    /** Probability of {@code scene}. */
    public double of(Scene scene) {
        return scene == Scene.URBAN ? urban : highway;
    }

    /** The scene with the higher probability (urban on a tie). */
    public Scene likeliest() {
        return highway > urban ? Scene.HIGHWAY : Scene.URBAN;
    }
}
