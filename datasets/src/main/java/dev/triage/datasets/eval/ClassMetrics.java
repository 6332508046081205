package dev.triage.datasets.eval;

/**
 * Detection quality for one class at IoU 0.5.
 *
 * @param label          class name
 * @param groundTruth    labelled boxes (ignore regions excluded)
 * @param predictions    predicted boxes that were not inside an ignore region
 * @param truePositives  predictions matched to a labelled box
 * @param recall         truePositives / groundTruth (0 when nothing was labelled)
 * @param precision      truePositives / predictions (0 when nothing was predicted)
 * @param ap50           average precision (all-point interpolated, VOC 2010+ style)
 */
public record ClassMetrics(String label, int groundTruth, int predictions, int truePositives, double recall,
                           double precision, double ap50) {
}
