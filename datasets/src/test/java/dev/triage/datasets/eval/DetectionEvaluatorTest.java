package dev.triage.datasets.eval;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DetectionEvaluatorTest {

    private static Detection det(String cls, double score, double x1, double y1, double x2, double y2) {
        return new Detection(cls, score, new BoundingBox(x1, y1, x2, y2));
    }

    @Test
    void perfectDetectionsGiveRecallAndApOfOne() {
        DetectionEvaluator e = new DetectionEvaluator(0.5, 0);
        List<Detection> truth = List.of(det("pedestrian", 1, 0, 0, 10, 20), det("pedestrian", 1, 50, 0, 60, 20));
        e.add(List.of(det("pedestrian", 0.9, 0, 0, 10, 20), det("pedestrian", 0.8, 51, 0, 61, 20)), truth, List.of());
        ClassMetrics m = e.metrics().get("pedestrian");
        assertEquals(1.0, m.recall(), 1e-12);
        assertEquals(1.0, m.ap50(), 1e-12);
    }

    @Test
    void knownPrecisionRecallCurve() {
        // Scores 0.9 TP, 0.8 FP, 0.7 TP; 3 labelled boxes. Recall steps 1/3 at P=1, 2/3 at P=2/3.
        DetectionEvaluator e = new DetectionEvaluator(0.5, 0);
        List<Detection> truth = List.of(det("car", 1, 0, 0, 10, 10), det("car", 1, 20, 0, 30, 10),
                det("car", 1, 40, 0, 50, 10));
        e.add(List.of(det("car", 0.9, 0, 0, 10, 10), det("car", 0.8, 100, 100, 110, 110),
                det("car", 0.7, 20, 0, 30, 10)), truth, List.of());
        ClassMetrics m = e.metrics().get("car");
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(1.0 / 3 * 1.0 + 1.0 / 3 * (2.0 / 3), m.ap50(), 1e-12);
    }

    @Test
    void duplicateOnOneBoxIsAFalsePositiveAndLowIouMisses() {
        DetectionEvaluator e = new DetectionEvaluator(0.5, 0);
        e.add(List.of(det("pedestrian", 0.9, 0, 0, 10, 20), det("pedestrian", 0.8, 0, 0, 10, 20),
                det("pedestrian", 0.7, 100, 0, 107, 20)), List.of(det("pedestrian", 1, 0, 0, 10, 20),
                det("pedestrian", 1, 100, 0, 110, 40)), List.of());
        ClassMetrics m = e.metrics().get("pedestrian");
        assertEquals(1, m.truePositives());
        assertEquals(3, m.predictions());
        assertEquals(0.5, m.recall(), 1e-12);
    }

    @Test
    void predictionsInIgnoreRegionsAreNeitherTrueNorFalse() {
        DetectionEvaluator e = new DetectionEvaluator(0.5, 0);
        e.add(List.of(det("pedestrian", 0.9, 200, 200, 210, 220)), List.of(),
                List.of(new BoundingBox(195, 195, 230, 230)));
        assertEquals(0, e.metrics().get("pedestrian").predictions());
    }

    @Test
    void boxesUnderTheKittiMinimumHeightAreNeitherRequiredNorPenalised() {
        DetectionEvaluator e = DetectionEvaluator.iou50();
        List<Detection> truth = List.of(det("pedestrian", 1, 0, 0, 10, 30), det("pedestrian", 1, 100, 0, 106, 12));
        // One hit on the tall box, one hit on the 12 px box, one 10 px false alarm elsewhere.
        e.add(List.of(det("pedestrian", 0.9, 0, 0, 10, 30), det("pedestrian", 0.8, 100, 0, 106, 12),
                det("pedestrian", 0.7, 300, 300, 305, 310)), truth, List.of());
        ClassMetrics m = e.metrics().get("pedestrian");
        assertEquals(1, m.groundTruth());
        assertEquals(1, m.predictions());
        assertEquals(1.0, m.recall(), 1e-12);
    }
}
