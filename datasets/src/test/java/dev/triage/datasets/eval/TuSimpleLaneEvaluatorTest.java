package dev.triage.datasets.eval;

import dev.triage.perception.core.Lane;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TuSimpleLaneEvaluatorTest {
    private static final List<Integer> ROWS = List.of(400, 450, 500, 550, 600, 650, 700);

    private static List<Double> vertical(double x) {
        List<Double> xs = new ArrayList<>();
        ROWS.forEach(r -> xs.add(x));
        return xs;
    }

    private static Lane verticalLane(int slot, double x) {
        return new Lane(slot, List.of(new Point(x, 400), new Point(x, 700)), 1.0);
    }

    @Test
    void exactLanesScoreOneWithoutFalsePositivesOrNegatives() {
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        e.add(List.of(verticalLane(1, 500), verticalLane(2, 800)), new LaneRows(ROWS, List.of(vertical(500), vertical(800))), 1280);
        assertEquals(new LaneMetrics(1, 1.0, 0.0, 0.0), e.metrics());
    }

    @Test
    void offsetBeyondThresholdIsAMissAndAFalsePositive() {
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        // 25 px off at 1280 wide: over the 20 px threshold on every row.
        e.add(List.of(verticalLane(1, 525), verticalLane(2, 800)), new LaneRows(ROWS, List.of(vertical(500), vertical(800))), 1280);
        LaneMetrics m = e.metrics();
        assertEquals(0.5, m.accuracy(), 1e-12);
        assertEquals(0.5, m.fp(), 1e-12);
        assertEquals(0.5, m.fn(), 1e-12);
    }

    @Test
    void thresholdScalesWithFrameWidth() {
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        // 15 px off on a 640-wide frame is over the scaled 10 px threshold.
        e.add(List.of(verticalLane(1, 315)), new LaneRows(ROWS, List.of(vertical(300))), 640);
        assertEquals(0.0, e.metrics().accuracy(), 1e-12);
    }

    @Test
    void partialLaneCountsAbsentRowsAsAgreeing() {
        // Label present on the lower 4 rows only; prediction covers the same rows.
        List<Double> gt = List.of(-2.0, -2.0, -2.0, 300.0, 300.0, 300.0, 300.0);
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        e.add(List.of(new Lane(1, List.of(new Point(300, 550), new Point(300, 700)), 1)), new LaneRows(ROWS, List.of(gt)), 1280);
        assertEquals(1.0, e.metrics().accuracy(), 1e-12);
    }

    @Test
    void angleOfASlantedLaneWidensTheThreshold() {
        double[] xs = {0, 50, 100, 150, 200, 250, 300}; // dx/dy = 1 → 45 degrees
        assertEquals(Math.PI / 4, TuSimpleLaneEvaluator.angle(xs, ROWS), 1e-9);
    }

    @Test
    void tooManyPredictionsScoreZero() {
        double[] r = TuSimpleLaneEvaluator.bench(List.of(new double[7], new double[7], new double[7], new double[7]),
                List.of(new double[] {1, 1, 1, 1, 1, 1, 1}), ROWS, 20);
        assertEquals(0, r[0]);
        assertEquals(1, r[2]);
    }
}
