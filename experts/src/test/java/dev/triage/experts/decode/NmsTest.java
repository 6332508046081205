package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NmsTest {

    private static Detection det(String label, double score, double x1, double y1, double x2, double y2) {
        return new Detection(label, score, new BoundingBox(x1, y1, x2, y2));
    }

    @Test
    void suppressesOverlappingBoxOfSameClassKeepingTheBest() {
        Detection best = det("pedestrian", 0.9, 0, 0, 10, 10);
        Detection worse = det("pedestrian", 0.8, 1, 0, 11, 10); // IoU 9/11 = 0.82
        Detection far = det("pedestrian", 0.7, 50, 50, 60, 60);
        assertEquals(List.of(best, far), Nms.perClass(List.of(worse, far, best), 0.5));
    }

    @Test
    void neverSuppressesAcrossClasses() {
        Detection a = det("pedestrian", 0.9, 0, 0, 10, 10);
        Detection b = det("cyclist", 0.8, 0, 0, 10, 10);
        assertEquals(List.of(a, b), Nms.perClass(List.of(b, a), 0.5));
    }

    @Test
    void iouEqualToThresholdIsKept() {
        Detection a = det("vehicle", 0.9, 0, 0, 10, 10);
        Detection b = det("vehicle", 0.5, 5, 0, 15, 10); // IoU 50/150 = 1/3
        assertEquals(2, Nms.perClass(List.of(a, b), 1.0 / 3).size());
        assertEquals(1, Nms.perClass(List.of(a, b), 0.33).size());
    }

    @Test
    void suppressedBoxDoesNotSuppressOthers() {
        Detection a = det("vehicle", 0.9, 0, 0, 10, 10);
        Detection b = det("vehicle", 0.8, 4, 0, 14, 10);  // overlaps a (IoU 0.43) -> suppressed
        Detection c = det("vehicle", 0.7, 8, 0, 18, 10);  // overlaps b (0.43) but a only 0.11 -> kept
        assertEquals(List.of(a, c), Nms.perClass(List.of(a, b, c), 0.4));
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(List.of(), Nms.perClass(List.of(), 0.5));
    }
}
