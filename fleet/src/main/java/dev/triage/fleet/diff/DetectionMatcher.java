package dev.triage.fleet.diff;

import dev.triage.fleet.exec.FrameRecord;
import dev.triage.fleet.exec.FrameRecord.Box;
import dev.triage.perception.core.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a candidate frame with the baseline's result on the same frame: scene flip, lane count change, and
 * detections matched greedily within each class (highest score first, each baseline box used once) at IoU at least
 * {@link #IOU}.
 */
public final class DetectionMatcher {
    /** The IoU at which two boxes of a class are the same object. */
    public static final double IOU = 0.5;

    private DetectionMatcher() {
    }

    /** The difference of {@code candidate} to {@code baseline} (the same frame). */
    public static FrameDiff diff(FrameRecord candidate, FrameRecord baseline) {
        Map<String, Integer> gained = new TreeMap<>();
        Map<String, Integer> lost = new TreeMap<>();
        List<Box> unmatched = new ArrayList<>(baseline.detections());
        List<Box> ranked = new ArrayList<>(candidate.detections());
        ranked.sort(Comparator.comparingDouble(Box::score).reversed());
        for (Box c : ranked) {
            Box best = null;
            double bestIou = IOU;
            for (Box b : unmatched) {
                double iou = b.label().equals(c.label()) ? bbox(c).iou(bbox(b)) : 0;
                if (iou >= bestIou) {
                    best = b;
                    bestIou = iou;
                }
            }
            if (best == null) {
                gained.merge(c.label(), 1, Integer::sum);
            } else {
                unmatched.remove(best);
            }
        }
        unmatched.forEach(b -> lost.merge(b.label(), 1, Integer::sum));
        return new FrameDiff(baseline.scene(), !candidate.scene().equals(baseline.scene()), gained, lost,
                baseline.lanes().size(), candidate.lanes().size() - baseline.lanes().size());
    }

    private static BoundingBox bbox(Box b) {
        return new BoundingBox(b.x1(), b.y1(), b.x2(), b.y2());
    }
}
