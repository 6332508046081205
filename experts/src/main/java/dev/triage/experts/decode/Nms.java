package dev.triage.experts.decode;

import dev.triage.perception.core.Detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy class-wise non-maximum suppression. Pure Java, stateless. */
public final class Nms {

    private Nms() {
    }

    /**
     * Keeps the best-scoring detection of every cluster of same-label boxes that overlap by more than
     * {@code iouThreshold}; boxes of different labels never suppress each other.
     *
     * @return the survivors, best score first (ties keep input order)
     */
    public static List<Detection> perClass(List<Detection> detections, double iouThreshold) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.label().equals(d.label()) && k.box().iou(d.box()) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** The first {@code max} of {@code bestFirst} (a list sorted best score first, as {@link #perClass} returns). */
    public static List<Detection> best(List<Detection> bestFirst, int max) {
        return bestFirst.size() <= max ? bestFirst : List.copyOf(bestFirst.subList(0, max));
    }
}
