package dev.triage.fleet.diff;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the candidate's result on one frame differs from the baseline's on the same frame.
 *
 * @param baselineScene the baseline's context
 * @param sceneFlip     whether the contexts differ
 * @param gained        candidate detections without a baseline match of their class at IoU 0.5, by class
 * @param lost          baseline detections without a candidate match of their class at IoU 0.5, by class
 * @param baselineLanes the baseline's lane count
 * @param laneDelta     candidate lanes minus baseline lanes
 */
public record FrameDiff(String baselineScene, boolean sceneFlip, Map<String, Integer> gained,
                        Map<String, Integer> lost, int baselineLanes, int laneDelta) implements Serializable {

    public FrameDiff {
        gained = java.util.Collections.unmodifiableMap(new TreeMap<>(gained));
        lost = java.util.Collections.unmodifiableMap(new TreeMap<>(lost));
    }

    /** Whether anything differs. */
    public boolean changed() {
        return sceneFlip || laneDelta != 0 || !gained.isEmpty() || !lost.isEmpty();
    }

    /** Detections gained plus lost, all classes. */
    public int detectionChanges() {
        return gained.values().stream().mapToInt(Integer::intValue).sum()
                + lost.values().stream().mapToInt(Integer::intValue).sum();
    }
}
