package dev.triage.perception.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A probability for each scene the gate knows, in the gate's class order; the values sum to one. Scenes are names
 * (for example {@code urban}, {@code highway}, {@code night}) taken from the gate model's sidecar, not a fixed set.
 *
 * <pre>{@code
 * SceneProbabilities p = SceneProbabilities.normalised(List.of("urban", "highway", "night"), new double[] {2, 1, 1});
 * p.of("urban");      // 0.5
 * p.likeliest();      // "urban"
 * }</pre>
 *
 * @param scenes the scene names, distinct and not blank, at least one
 * @param values the probability of each scene, same order; each {@code >= 0}, together 1 (within 1e-3)
 */
public record SceneProbabilities(List<String> scenes, List<Double> values) {

    public SceneProbabilities {
        scenes = List.copyOf(scenes);
        values = List.copyOf(values);
        if (scenes.isEmpty() || scenes.size() != values.size()) {
            throw new IllegalArgumentException("scene probabilities need one value per scene, at least one: "
                    + scenes + " " + values);
        }
        if (new HashSet<>(scenes).size() != scenes.size() || scenes.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("scene names must be distinct and not blank: " + scenes);
        }
        double sum = 0;
        for (double v : values) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("scene probabilities must be >= 0 and sum to 1: " + values);
            }
            sum += v;
        }
        if (Math.abs(sum - 1.0) > 1e-3) {
            throw new IllegalArgumentException("scene probabilities must be >= 0 and sum to 1: " + values);
        }
    }

    /**
     * Normalises non-negative scores, one per scene, into probabilities; all-zero scores give a uniform belief.
     *
     * @throws IllegalArgumentException when the lengths differ or a score is negative or not finite
     */
    public static SceneProbabilities normalised(List<String> scenes, double[] scores) {
        if (scores.length != scenes.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + scenes.size() + " scenes " + scenes);
        }
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        List<Double> values = new ArrayList<>(scores.length);
        for (double s : scores) {
            values.add(sum > 0 ? s / sum : 1.0 / scores.length);
        }
        return new SceneProbabilities(scenes, values);
    }

    /** A certain belief in {@code scene}, which must be one of {@code scenes}. */
    public static SceneProbabilities certain(List<String> scenes, String scene) {
        int index = scenes.indexOf(scene);
        if (index < 0) {
            throw new IllegalArgumentException("scene '" + scene + "' is not one of " + scenes);
        }
        double[] scores = new double[scenes.size()];
        scores[index] = 1;
        return normalised(scenes, scores);
    }

    /** The values as float32, in scene order (for messages that carry them as {@code float32[]}). */
    public float[] toFloatArray() {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    /** Number of scenes. */
    public int size() {
        return scenes.size();
    }

    /** Whether {@code scene} is one of the scenes. */
    public boolean contains(String scene) {
        return scenes.contains(scene);
    }

    /** Probability of {@code scene}; 0 for a scene the gate does not know. */
    public double of(String scene) {
        int index = scenes.indexOf(scene);
        return index < 0 ? 0 : values.get(index);
    }

    /** The scene with the highest probability; on a tie the earlier one in class order. */
    public String likeliest() {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) > values.get(best)) {
                best = i;
            }
        }
        return scenes.get(best);
    }

    /** The likeliest scene other than {@code scene} (earlier one on a tie), or empty when there is none. */
    public java.util.Optional<String> likeliestOtherThan(String scene) {
        String best = null;
        for (int i = 0; i < scenes.size(); i++) {
            if (!scenes.get(i).equals(scene) && (best == null || values.get(i) > of(best))) {
                best = scenes.get(i);
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Every scene, most likely first; ties keep the class order. */
    public List<String> ranked() {
        List<String> order = new ArrayList<>(scenes);
        order.sort(Comparator.comparingDouble(this::of).reversed());
        return List.copyOf(order);
    }

    /** Same scenes in the same order. */
    public boolean sameScenes(SceneProbabilities other) {
        return scenes.equals(Objects.requireNonNull(other, "other").scenes);
    }
}
