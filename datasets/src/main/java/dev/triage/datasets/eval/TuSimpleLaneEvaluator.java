package dev.triage.datasets.eval;

import dev.triage.perception.core.Lane;
import dev.triage.perception.core.LaneRows;

import java.util.ArrayList;
import java.util.List;

/**
 * The TuSimple lane benchmark, evaluated at the labels' own rows and resolution:
 * <ul>
 *   <li>predictions are sampled at the label's {@code h_samples};</li>
 *   <li>a point is correct when |x_pred - x_gt| is under {@code 20 px / cos(angle of the labelled lane)}, with the
 *       20 px scaled by {@code frame width / 1280} (TuSimple frames are 1280 wide); rows where both are absent
 *       count as correct, as in TuSimple's {@code line_accuracy};</li>
 *   <li>a labelled lane is matched when its best prediction reaches 85 % of its rows; accuracy is the mean of each
 *       labelled lane's best accuracy over max(1, min(4, lanes)); FP and FN as in TuSimple's {@code bench}, including
 *       its "more than 4 labelled lanes" allowance.</li>
 * </ul>
 * Labelled lanes with no point at all are not lanes and are skipped. Not thread-safe.
 */
public final class TuSimpleLaneEvaluator {
    private static final double PIXEL_THRESHOLD_AT_1280 = 20;
    private static final double POINT_THRESHOLD = 0.85;
    private int frames;
    private double accuracySum;
    private double fpSum;
    private double fnSum;

    /** Adds one frame. */
    public void add(List<Lane> predicted, LaneRows labelled, int frameWidth) {
        List<Integer> rows = labelled.hSamples();
        List<double[]> gt = new ArrayList<>();
        for (List<Double> lane : labelled.lanes()) {
            if (lane.stream().anyMatch(x -> x >= 0)) {
                gt.add(lane.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        List<double[]> pred = new ArrayList<>();
        for (List<Double> lane : LaneRows.sample(predicted, rows).lanes()) {
            if (lane.stream().anyMatch(x -> x >= 0)) {
                pred.add(lane.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        double[] result = bench(pred, gt, rows, PIXEL_THRESHOLD_AT_1280 * frameWidth / 1280.0);
        frames++;
        accuracySum += result[0];
        fpSum += result[1];
        fnSum += result[2];
    }

    /** Mean metrics so far. */
    public LaneMetrics metrics() {
        return frames == 0 ? new LaneMetrics(0, 0, 0, 0)
                : new LaneMetrics(frames, accuracySum / frames, fpSum / frames, fnSum / frames);
    }

    /** One frame: {accuracy, fp, fn}. */
    static double[] bench(List<double[]> pred, List<double[]> gt, List<Integer> rows, double pixelThreshold) {
        if (gt.size() + 2 < pred.size()) {
            return new double[] {0, 0, 1};
        }
        double matched = 0;
        double fn = 0;
        List<Double> lineAccuracies = new ArrayList<>();
        for (double[] g : gt) {
            double threshold = pixelThreshold / Math.cos(angle(g, rows));
            double best = 0;
            for (double[] p : pred) {
                best = Math.max(best, lineAccuracy(p, g, threshold));
            }
            if (best < POINT_THRESHOLD) {
                fn++;
            } else {
                matched++;
            }
            lineAccuracies.add(best);
        }
        double fp = pred.size() - matched;
        if (gt.size() > 4 && fn > 0) {
            fn--;
        }
        double sum = lineAccuracies.stream().mapToDouble(Double::doubleValue).sum();
        if (gt.size() > 4) {
            sum -= lineAccuracies.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
        double denominator = Math.max(Math.min(4.0, gt.size()), 1.0);
        return new double[] {sum / denominator, pred.isEmpty() ? 0 : fp / pred.size(), fn / denominator};
    }

    static double lineAccuracy(double[] pred, double[] gt, double threshold) {
        int correct = 0;
        for (int i = 0; i < gt.length; i++) {
            double p = pred[i] >= 0 ? pred[i] : -100;
            double g = gt[i] >= 0 ? gt[i] : -100;
            if (Math.abs(p - g) < threshold) {
                correct++;
            }
        }
        return correct / (double) gt.length;
    }

    /** Angle of the least-squares line x = k y + b through the lane's points, as TuSimple's get_angle. */
    static double angle(double[] xs, List<Integer> rows) {
        double sy = 0;
        double sx = 0;
        double syy = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= 0) {
                double y = rows.get(i);
                sy += y;
                sx += xs[i];
                syy += y * y;
                sxy += y * xs[i];
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double denominator = n * syy - sy * sy;
        double k = denominator == 0 ? 0 : (n * sxy - sy * sx) / denominator;
        return Math.atan(k);
    }
}
