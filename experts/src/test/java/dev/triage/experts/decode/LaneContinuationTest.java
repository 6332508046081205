package dev.triage.experts.decode;

import dev.triage.perception.core.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LaneContinuationTest {

    private static final double[] ANCHORS_PX = {40, 50, 60, 70, 80, 90, 99};

    @Test
    void continuesOneAnchorAboveAndToTheLastAnchorBelow() {
        List<Point> lane = List.of(new Point(100, 50), new Point(102, 60), new Point(104, 70));
        List<Point> out = LaneContinuation.extend(lane, ANCHORS_PX, 200);
        assertEquals(List.of(new Point(98, 40), new Point(100, 50), new Point(102, 60), new Point(104, 70),
                new Point(106, 80), new Point(108, 90), new Point(109.8, 99)), round(out));
    }

    @Test
    void theNearEndStopsOnTheSideEdgeWhereTheLineLeavesTheFrame() {
        // 5 px left per px of height: from x = 40 at y = 60 the line reaches x = 0 at y = 68
        List<Point> out = LaneContinuation.extend(List.of(new Point(90, 50), new Point(40, 60)), ANCHORS_PX, 200);
        assertEquals(List.of(new Point(140, 40), new Point(90, 50), new Point(40, 60), new Point(0, 68)), round(out));
        List<Point> right = LaneContinuation.extend(List.of(new Point(100, 50), new Point(150, 60)), ANCHORS_PX, 200);
        assertEquals(new Point(199, 69.8), round(right).get(3));
    }

    @Test
    void theFarEndIsNotAddedOutsideTheFrameNorAboveTheTopAnchor() {
        List<Point> steep = List.of(new Point(20, 50), new Point(60, 60), new Point(100, 70));
        assertEquals(new Point(20, 50), LaneContinuation.extend(steep, ANCHORS_PX, 200).get(0));
        List<Point> fromTop = List.of(new Point(100, 40), new Point(100, 50));
        assertEquals(new Point(100, 40), LaneContinuation.extend(fromTop, ANCHORS_PX, 200).get(0));
    }

    @Test
    void eachEndFollowsItsOwnFourPoints() {
        // 2 px per row over the top four points, 1 px per row over the lowest four
        List<Point> lane = List.of(new Point(40, 50), new Point(50, 55), new Point(60, 60), new Point(70, 65),
                new Point(75, 70), new Point(80, 75), new Point(85, 80), new Point(90, 85));
        List<Point> out = round(LaneContinuation.extend(lane, ANCHORS_PX, 200));
        assertEquals(new Point(20, 40), out.get(0));
        assertEquals(List.of(new Point(95, 90), new Point(104, 99)), out.subList(out.size() - 2, out.size()));
    }

    @Test
    void aLaneSpanningEveryAnchorIsUnchanged() {
        List<Point> lane = List.of(new Point(10, 40), new Point(11, 50), new Point(12, 60), new Point(13, 70),
                new Point(14, 80), new Point(15, 90), new Point(16, 99));
        assertEquals(lane, LaneContinuation.extend(lane, ANCHORS_PX, 200));
    }

    private static List<Point> round(List<Point> points) {
        return points.stream().map(p -> new Point(Math.round(p.x() * 1e6) / 1e6, Math.round(p.y() * 1e6) / 1e6))
                .toList();
    }
}
