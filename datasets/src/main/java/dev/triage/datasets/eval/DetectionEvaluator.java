package dev.triage.datasets.eval;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accumulates detection matches over frames and computes recall and AP at an IoU threshold (0.5 by default).
 * Per frame and class, predictions are matched greedily in score order to the unmatched labelled box of highest
 * IoU; an unmatched prediction whose area lies mostly (over half) inside an ignore region is neither a true nor a
 * false positive (KITTI DontCare).
 * <p>Like KITTI's "moderate" protocol, objects shorter than a minimum height (25 px by default, KITTI's value) are
 * not required: such labelled boxes become ignore regions, and an unmatched prediction shorter than the minimum, or
 * overlapping such a box at the IoU threshold, is neither a true nor a false positive. Not thread-safe.
 */
public final class DetectionEvaluator {
    /** KITTI's minimum box height for the "moderate" difficulty, in pixels. */
    public static final double KITTI_MIN_HEIGHT = 25;
    private final double iouThreshold;
    private final double minHeight;
    private final Map<String, List<ScoredMatch>> matches = new TreeMap<>();
    private final Map<String, Integer> groundTruthCounts = new TreeMap<>();

    private record ScoredMatch(double score, boolean truePositive) {
    }

    /**
     * @param iouThreshold IoU needed for a match
     * @param minHeight    labelled boxes shorter than this (pixels) are ignore regions; 0 requires every box
     */
    public DetectionEvaluator(double iouThreshold, double minHeight) {
        this.iouThreshold = iouThreshold;
        this.minHeight = minHeight;
    }

    /** The usual evaluator: IoU 0.5, KITTI's 25 px minimum height. */
    public static DetectionEvaluator iou50() {
        return new DetectionEvaluator(0.5, KITTI_MIN_HEIGHT);
    }

    /** Adds one frame's predictions and labels. */
    public void add(List<Detection> predicted, List<Detection> labelled, List<BoundingBox> ignore) {
        TreeSet<String> labels = new TreeSet<>();
        predicted.forEach(d -> labels.add(d.label()));
        labelled.forEach(d -> labels.add(d.label()));
        for (String label : labels) {
            List<Detection> ofLabel = labelled.stream().filter(d -> d.label().equals(label)).toList();
            List<Detection> truth = ofLabel.stream().filter(d -> d.box().height() >= minHeight).toList();
            List<BoundingBox> tooSmall = ofLabel.stream().filter(d -> d.box().height() < minHeight)
                    .map(Detection::box).toList();
            List<Detection> preds = new ArrayList<>(predicted.stream().filter(d -> d.label().equals(label)).toList());
            preds.sort(Comparator.comparingDouble(Detection::score).reversed());
            groundTruthCounts.merge(label, truth.size(), Integer::sum);
            boolean[] used = new boolean[truth.size()];
            List<ScoredMatch> out = matches.computeIfAbsent(label, l -> new ArrayList<>());
            for (Detection p : preds) {
                int best = -1;
                double bestIou = iouThreshold;
                for (int i = 0; i < truth.size(); i++) {
                    double iou = used[i] ? -1 : p.box().iou(truth.get(i).box());
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = i;
                    }
                }
                if (best >= 0) {
                    used[best] = true;
                    out.add(new ScoredMatch(p.score(), true));
                } else if (p.box().height() >= minHeight && !mostlyInside(p.box(), ignore)
                        && tooSmall.stream().noneMatch(b -> b.iou(p.box()) >= iouThreshold)) {
                    out.add(new ScoredMatch(p.score(), false));
                }
            }
        }
    }

    /** Metrics per class seen in labels or predictions, sorted by class name. */
    public Map<String, ClassMetrics> metrics() {
        Map<String, ClassMetrics> out = new TreeMap<>();
        TreeSet<String> labels = new TreeSet<>(groundTruthCounts.keySet());
        labels.addAll(matches.keySet());
        for (String label : labels) {
            out.put(label, metricsFor(label));
        }
        return out;
    }

    private ClassMetrics metricsFor(String label) {
        int gt = groundTruthCounts.getOrDefault(label, 0);
        List<ScoredMatch> list = new ArrayList<>(matches.getOrDefault(label, List.of()));
        list.sort(Comparator.comparingDouble(ScoredMatch::score).reversed());
        int tp = (int) list.stream().filter(ScoredMatch::truePositive).count();
        return new ClassMetrics(label, gt, list.size(), tp, gt == 0 ? 0 : tp / (double) gt,
                list.isEmpty() ? 0 : tp / (double) list.size(), averagePrecision(list, gt));
    }

    /** All-point interpolated AP over predictions sorted by descending score. */
    static double averagePrecision(List<ScoredMatch> sorted, int groundTruth) {
        if (groundTruth == 0 || sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            if (sorted.get(i).truePositive()) {
                tp++;
            }
            precision[i] = tp / (double) (i + 1);
            recall[i] = tp / (double) groundTruth;
        }
        for (int i = n - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < n; i++) {
            ap += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }
        return ap;
    }

    private static boolean mostlyInside(BoundingBox box, List<BoundingBox> regions) {
        if (box.area() <= 0) {
            return false;
        }
        for (BoundingBox r : regions) {
            double iw = Math.min(box.x2(), r.x2()) - Math.max(box.x1(), r.x1());
            double ih = Math.min(box.y2(), r.y2()) - Math.max(box.y1(), r.y1());
            if (iw > 0 && ih > 0 && iw * ih / box.area() > 0.5) {
                return true;
            }
        }
        return false;
    }
}
