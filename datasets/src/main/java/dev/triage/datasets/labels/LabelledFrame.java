package dev.triage.datasets.labels;

import dev.triage.datasets.eval.DetectionScope;
import dev.triage.perception.core.GroundTruth;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One frame of a labelled dataset with everything its label files say about it.
 *
 * @param id        the frame's path relative to the dataset folder, with {@code /} separators (the frame id)
 * @param file      the image file
 * @param set       the set folder's name ({@code nuscenes_boston_urban_dev}), or the dataset folder's own name
 * @param truth     the merged ground truth (scene, boxes, ignore regions, lanes)
 * @param scope     which classes of {@code truth.objects()} may be scored, if any; see {@link DetectionScope}
 * @param boxSource the file the boxes came from ({@code label_2/000070.txt}, {@code boxes.csv}), if any
 * @param laneSource the file the lanes came from, if any
 */
public record LabelledFrame(String id, Path file, String set, GroundTruth truth, Optional<DetectionScope> scope,
                            Optional<String> boxSource, Optional<String> laneSource) {

    /** Whether this frame's boxes are scored as complete (not weak) labels of {@code label}. */
    public boolean scoresCompletely(String label) {
        return scope.map(s -> !s.weak() && s.covers(label)).orElse(false);
    }
}
