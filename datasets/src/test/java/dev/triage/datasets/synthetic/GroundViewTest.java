package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ground inversion on flat roads, over crests and through sags. */
class GroundViewTest {
    private static final Bgr WHITE = Bgr.of(230, 230, 230);
    private static final LaneMarking PAINT = LaneMarking.solid(WHITE, 0.15);
    private static final Camera CAM = Camera.withFov(640, 480, 60, 1.4, Math.toRadians(1.5));
    private static final RoadLayout LAYOUT = new RoadLayout(2, 3.5, 0,
            List.of(PAINT, LaneMarking.dashed(WHITE, 0.15, 3, 9), PAINT), 1, 1, List.of(), 120);

    private static GroundView view(GroundProfile profile) {
        return GroundView.of(CAM, new RoadModel(LAYOUT, 0, 0, 0).withProfile(profile));
    }

    @Test
    void aFlatRoadIsTheCameraClosedFormBitForBit() {
        GroundView flat = view(GroundProfile.FLAT);
        assertEquals(CAM.horizonRow(), flat.horizonRow());
        assertEquals(Double.POSITIVE_INFINITY, flat.visibleTo());
        for (double v = 0.5; v < 480; v += 7) {
            assertEquals(CAM.groundDepthAtRow(v), flat.depthAtRow(v), "row " + v);
        }
        for (double z = 1; z < 300; z *= 1.7) {
            assertEquals(CAM.groundColumn(2.5, z), flat.column(2.5, z));
        }
    }

    @Test
    void aCrestHidesTheRoadBeyondItsTop() {
        GroundView crest = view(new GroundProfile(-0.0005, 150));
        // the line of sight grazes the parabola h - k z^2 / 2 where z = sqrt(2 h / |k|), about 75 m
        assertEquals(Math.sqrt(2 * 1.4 / 0.0005), crest.visibleTo(), 1.0);
        assertTrue(crest.horizonRow() > CAM.horizonRow() + 5, "the visible ground ends below the flat horizon");
        assertTrue(Double.isNaN(crest.depthAtRow(crest.horizonRow() - 1)));
        roundTrips(CAM, crest, crest.visibleTo() * 0.98);
    }

    @Test
    void aSagShowsTheRoadAboveTheFlatHorizon() {
        GroundView sag = view(new GroundProfile(0.0005, 150));
        assertEquals(GroundView.MAX_DEPTH, sag.visibleTo(), GroundView.MAX_DEPTH * 0.005);
        assertTrue(sag.horizonRow() < CAM.horizonRow() - 5, "rising road seen above the flat horizon");
        roundTrips(CAM, sag, 400);
    }

    @Test
    void aCameraPitchedUpStillSeesTheSag() {
        Camera up = Camera.withFov(640, 480, 60, 1.4, Math.toRadians(-1));
        GroundView sag = GroundView.of(up, new RoadModel(LAYOUT, 0, 0, 0).withProfile(new GroundProfile(0.0005, 150)));
        assertTrue(sag.horizonRow() < up.horizonRow(), "ground painted up to " + sag.horizonRow());
        roundTrips(up, sag, 400);
    }

    @Test
    void laneLabelsEndWhereTheCrestHidesTheRoad() {
        RoadModel road = new RoadModel(LAYOUT, 0, 0, 0).withProfile(new GroundProfile(-0.0005, 150));
        GroundView crest = GroundView.of(CAM, road);
        var lanes = LaneLabeler.label(CAM, crest, road);
        var flat = LaneLabeler.label(CAM, view(GroundProfile.FLAT), new RoadModel(LAYOUT, 0, 0, 0));
        int rows = 0;
        for (int r = 0; r < lanes.hSamples().size(); r++) {
            double x = lanes.lanes().get(1).get(r);
            if (x >= 0) {
                rows++;
                assertTrue(lanes.hSamples().get(r) + 0.5 >= crest.horizonRow(), "label above the crest");
            }
        }
        long flatRows = flat.lanes().get(1).stream().filter(x -> x >= 0).count();
        assertTrue(rows > 5 && rows < flatRows, rows + " labelled rows over the crest, " + flatRows + " when flat");
    }

    private static void roundTrips(Camera cam, GroundView ground, double farthest) {
        for (double z = 2; z < farthest; z *= 1.3) {
            ImagePoint p = cam.project(0, ground.elevation(z), z);
            assertEquals(z, ground.depthAtRow(p.v()), z * 0.002, "depth of the ground seen at row " + p.v());
        }
    }
}
