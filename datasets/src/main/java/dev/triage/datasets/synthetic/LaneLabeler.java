package dev.triage.datasets.synthetic;

import dev.triage.perception.core.LaneRows;
import java.util.ArrayList;
import java.util.List;

/**
 * TuSimple-style lane labels: x of each painted boundary at fixed sample rows, in the four slots of CONTRACTS.md
 * (0 = second left, 1 = ego left, 2 = ego right, 3 = second right). Uses the same ground inversion
 * ({@link GroundView}) as {@link BaseLayerPainter}, so a label sits on the centre of the paint, also over crests
 * and sags, and ends where a crest hides the road.
 */
final class LaneLabeler {
    /** Number of lane slots. */
    static final int SLOTS = 4;

    private LaneLabeler() {
    }

    /**
     * Sample rows for a frame height: from {@code round(0.4 H)} to {@code H - 1} in steps of
     * {@code max(1, round(H / 48))} (192, 202, ... 472 for 480).
     */
    static List<Integer> hSamples(int height) {
        int step = (int) Math.max(1, Math.round(height / 48.0));
        List<Integer> rows = new ArrayList<>();
        for (int y = (int) Math.round(0.4 * height); y <= height - 1; y += step) {
            rows.add(y);
        }
        return rows;
    }

    static LaneRows label(Camera cam, GroundView ground, RoadModel road) {
        List<Integer> rows = hSamples(cam.height());
        RoadLayout layout = road.layout();
        List<List<Double>> lanes = new ArrayList<>(SLOTS);
        for (int slot = 0; slot < SLOTS; slot++) {
            int k = layout.boundaryOfSlot(slot);
            List<Double> xs = new ArrayList<>(rows.size());
            for (int y : rows) {
                xs.add(k < 0 ? LaneRows.ABSENT : x(cam, ground, road, layout.boundaryOffset(k), y));
            }
            lanes.add(xs);
        }
        return new LaneRows(rows, lanes);
    }

    private static double x(Camera cam, GroundView ground, RoadModel road, double offset, int row) {
        double z = ground.depthAtRow(row + 0.5);
        if (Double.isNaN(z) || z > road.layout().drawDistance()) {
            return LaneRows.ABSENT;
        }
        double u = ground.column(road.worldX(offset, z), z);
        if (Double.isNaN(u) || u < 0 || u >= cam.width()) {
            return LaneRows.ABSENT;
        }
        return Math.round(u * 100) / 100.0;
    }
}
