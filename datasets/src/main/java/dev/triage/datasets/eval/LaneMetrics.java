package dev.triage.datasets.eval;

/**
 * Lane quality by the TuSimple benchmark definitions, averaged over frames.
 *
 * @param frames   frames with labelled lanes
 * @param accuracy mean per-frame point accuracy
 * @param fp       mean per-frame false-positive rate (predicted lanes not matching a labelled one)
 * @param fn       mean per-frame false-negative rate (labelled lanes without a match)
 */
public record LaneMetrics(int frames, double accuracy, double fp, double fn) {
}
