package dev.triage.experts.decode;

import dev.triage.perception.core.Lane;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowAnchorLaneDecoderTest {

    private static final int SLOTS = 4;
    private static final int G = 10;
    private static final List<Double> ANCHORS = List.of(0.5, 0.6, 0.7, 0.8, 0.9);
    private static final int R = ANCHORS.size();

    /** Every row of every slot absent. */
    private static float[] allAbsent() {
        float[] v = new float[SLOTS * R * (G + 1)];
        for (int s = 0; s < SLOTS; s++) {
            for (int r = 0; r < R; r++) {
                v[(s * R + r) * (G + 1) + G] = 1;
            }
        }
        return v;
    }

    private static void row(float[] v, int s, int r, float... probsOverCells) {
        int base = (s * R + r) * (G + 1);
        for (int k = 0; k <= G; k++) {
            v[base + k] = 0;
        }
        for (int k = 0; k < probsOverCells.length; k += 2) {
            v[base + (int) probsOverCells[k]] = probsOverCells[k + 1];
        }
    }

    /** The raw decode, without continuing lanes at their ends. */
    private static RowAnchorLaneDecoder decoder(int minPoints) {
        return new RowAnchorLaneDecoder(G, ANCHORS, new RowAnchorParams(minPoints, false));
    }

    @Test
    void allAbsentGivesNoLanes() {
        assertTrue(decoder(2).decode(allAbsent(), SLOTS, 200, 100).isEmpty());
    }

    @Test
    void oneHotRowsGiveCellCentresInFramePixels() {
        float[] v = allAbsent();
        for (int r = 0; r < R; r++) {
            row(v, 2, r, r, 1f); // cell r on row r
        }
        List<Lane> lanes = decoder(4).decode(v, SLOTS, 200, 100); // 20 px per cell
        assertEquals(1, lanes.size());
        Lane lane = lanes.get(0);
        assertEquals(2, lane.slot());
        assertEquals(R, lane.points().size());
        for (int r = 0; r < R; r++) {
            assertEquals((r + 0.5) * 20, lane.points().get(r).x(), 1e-9);
            assertEquals(ANCHORS.get(r) * 100, lane.points().get(r).y(), 1e-9);
        }
        assertEquals(1.0, lane.confidence(), 1e-6);
    }

    @Test
    void softArgmaxIsRenormalisedOverTheGridCells() {
        float[] v = allAbsent();
        for (int r = 0; r < R; r++) {
            // 0.3 on cell 2, 0.1 on cell 4, 0.2 absent (argmax is cell 2, so present)
            row(v, 1, r, 2, 0.3f, 4, 0.1f, G, 0.2f);
        }
        Lane lane = decoder(4).decode(v, SLOTS, 100, 100).get(0);
        double expectedCells = (0.3 * 2.5 + 0.1 * 4.5) / 0.4; // 3.0
        assertEquals(expectedCells * 10, lane.points().get(0).x(), 1e-5);
        assertEquals(0.4, lane.confidence(), 1e-6);
    }

    @Test
    void absentRowsAreSkippedAndShortLanesDropped() {
        float[] v = allAbsent();
        row(v, 0, 2, 1, 1f);
        row(v, 0, 3, 1, 1f);
        row(v, 0, 4, 1, 1f); // slot 0: 3 points
        for (int r = 1; r < R; r++) {
            row(v, 3, r, 7, 1f); // slot 3: 4 points, row 0 absent
        }
        List<Lane> lanes = decoder(4).decode(v, SLOTS, 100, 100);
        assertEquals(1, lanes.size());
        assertEquals(3, lanes.get(0).slot());
        assertEquals(60.0, lanes.get(0).points().get(0).y(), 1e-9);
        assertEquals(2, decoder(3).decode(v, SLOTS, 100, 100).size());
    }

    @Test
    void pointsAreOrderedFarToNear() {
        float[] v = allAbsent();
        for (int r = 0; r < R; r++) {
            row(v, 1, r, 5, 1f);
        }
        List<Double> ys = decoder(4).decode(v, SLOTS, 100, 100).get(0).points().stream().map(p -> p.y()).toList();
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(ys.get(i) > ys.get(i - 1));
        }
    }

    @Test
    void continuedLanesFillTheirAbsentLowestRows() {
        float[] v = allAbsent();
        for (int r = 0; r < 3; r++) {
            row(v, 2, r, 4 + r, 1f); // cells 4, 5, 6: x = 90, 110, 130 px at 200x100, 20 px further right per row
        }
        row(v, 2, 3, G, 1f); // rows 3 and 4 absent (a gap in a dashed line near the camera)
        Lane raw = new RowAnchorLaneDecoder(G, ANCHORS, new RowAnchorParams(3, false)).decode(v, SLOTS, 200, 100).get(0);
        Lane lane = new RowAnchorLaneDecoder(G, ANCHORS, new RowAnchorParams(3, true))
                .decode(v, SLOTS, 200, 100).get(0);
        assertEquals(3, raw.points().size());
        assertEquals(R, lane.points().size());
        assertEquals(150.0, lane.points().get(3).x(), 1e-9);
        assertEquals(170.0, lane.points().get(4).x(), 1e-9);
        assertEquals(raw.confidence(), lane.confidence(), 1e-12);
        assertEquals(List.of(1.0, 1.0, 1.0, 0.0, 0.0), lane.pointConfidence());
        assertEquals(List.of(1.0, 1.0, 1.0), raw.pointConfidence());
    }

    @Test
    void aPointAddedAboveTheFarEndCarriesZeroConfidence() {
        float[] v = allAbsent();
        for (int r = 1; r < R; r++) {
            row(v, 1, r, 5, 0.5f, G, 0.25f); // present from anchor 1 down, mass 0.5 on each row
        }
        Lane lane = new RowAnchorLaneDecoder(G, ANCHORS, RowAnchorParams.defaults()).decode(v, SLOTS, 100, 100).get(0);
        assertEquals(R, lane.points().size());
        assertEquals(50.0, lane.points().get(0).y(), 1e-9);
        assertEquals(List.of(0.0, 0.5, 0.5, 0.5, 0.5), lane.pointConfidence());
        assertEquals(0.5, lane.confidence(), 1e-6);
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> decoder(4).decode(new float[3], SLOTS, 100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> new RowAnchorLaneDecoder(G, List.of(0.5, 0.4), RowAnchorParams.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> new RowAnchorLaneDecoder(G, List.of(0.5, 1.2), RowAnchorParams.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new RowAnchorParams(1, true));
    }
}
