package dev.triage.experts.decode;

import dev.triage.perception.core.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LaneEdgeExtensionTest {

    private static final double[] ANCHORS_PX = {50, 60, 70, 80, 90, 99};

    @Test
    void continuesAlongTheLineThroughTheLowestPointsToTheLastAnchor() {
        List<Point> lane = List.of(new Point(100, 50), new Point(102, 60), new Point(104, 70));
        List<Point> out = LaneEdgeExtension.extend(lane, ANCHORS_PX, 200);
        assertEquals(List.of(new Point(100, 50), new Point(102, 60), new Point(104, 70), new Point(106, 80),
                new Point(108, 90), new Point(109.8, 99)), round(out));
    }

    @Test
    void endsWithAPointOnTheSideEdgeWhereTheLineLeavesTheFrame() {
        // 5 px left per px of height: from x = 40 at y = 60 the line reaches x = 0 at y = 68
        List<Point> lane = List.of(new Point(90, 50), new Point(40, 60));
        List<Point> out = LaneEdgeExtension.extend(lane, ANCHORS_PX, 200);
        assertEquals(List.of(new Point(90, 50), new Point(40, 60), new Point(0, 68)), round(out));
        List<Point> right = LaneEdgeExtension.extend(List.of(new Point(100, 50), new Point(150, 60)), ANCHORS_PX, 200);
        assertEquals(new Point(199, 69.8), round(right).get(2));
    }

    @Test
    void fitsTheDirectionToTheLowestFourPointsOnly() {
        // a curve that straightens: the far points bend, the lowest four lie on x = y
        List<Point> lane = List.of(new Point(0, 40), new Point(30, 45), new Point(50, 50), new Point(60, 60),
                new Point(70, 70), new Point(80, 80));
        List<Point> out = LaneEdgeExtension.extend(lane, ANCHORS_PX, 200);
        assertEquals(new Point(90, 90), round(out).get(6));
    }

    @Test
    void aLaneThatAlreadyReachesTheLastAnchorIsUnchanged() {
        List<Point> lane = List.of(new Point(10, 90), new Point(12, 99));
        assertEquals(lane, LaneEdgeExtension.extend(lane, ANCHORS_PX, 200));
    }

    private static List<Point> round(List<Point> points) {
        return points.stream().map(p -> new Point(Math.round(p.x() * 1e6) / 1e6, Math.round(p.y() * 1e6) / 1e6))
                .toList();
    }
}
