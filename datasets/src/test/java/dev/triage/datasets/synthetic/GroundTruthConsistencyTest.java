package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Labels agree with the rendered pixels: boxes inside the frame, lane labels on the paint, on flat and sloped roads. */
class GroundTruthConsistencyTest {
    private static final int W = 640;
    private static final int H = 480;
    /** Flat, over a crest that hides the road beyond about 75 m, and through a sag. */
    private static final List<GroundProfile> PROFILES = List.of(GroundProfile.FLAT, new GroundProfile(-0.0005, 150),
            new GroundProfile(0.0005, 150));

    @Test
    void hSamplesFollowTheContract() {
        List<Integer> rows = LaneLabeler.hSamples(480);
        assertEquals(192, rows.get(0));
        assertEquals(472, rows.get(rows.size() - 1));
        assertEquals(29, rows.size());
        List<Integer> small = LaneLabeler.hSamples(240);
        assertEquals(96, small.get(0));
        assertEquals(5, small.get(1) - small.get(0));
    }

    @Test
    void boxesAndLanesAreConsistentWithThePixels() {
        OpenCv.load();
        int urbanWithPedestrians = 0;
        int urban = 0;
        int solidChecks = 0;
        int solidHits = 0;
        try (FrameRenderer renderer = new FrameRenderer(W, H, 99)) {
            for (int i = 0; i < 36; i++) {
                Scene scene = i % 2 == 0 ? Scene.URBAN : Scene.HIGHWAY;
                SplittableRandom rng = Seeds.stream(99, i);
                Camera cam = Camera.sample(rng, W, H);
                Lighting light = Lighting.sample(rng);
                double s = rng.nextDouble(0, 3000);
                SceneWorld world = scene == Scene.URBAN ? UrbanWorldGenerator.generate(rng, s, s, 0, 10)
                        : HighwayWorldGenerator.generate(rng, s, s, 0, 25);
                RoadModel road = world.motion().at(world.layout(), s).withProfile(PROFILES.get(i / 2 % 3));
                FrameView view = new FrameView(cam, road, light, s, 0, 0, 0, 0);
                SyntheticFrame f = renderer.render(i, world, view, Effects.sample(rng), rng);
                GroundTruth gt = f.truth();
                assertTrue(gt.objectsLabelled());
                for (Detection d : gt.objects()) {
                    inside(d.box());
                    assertTrue(d.box().height() >= TruthBuilder.MIN_HEIGHT, d.toString());
                }
                gt.ignore().forEach(GroundTruthConsistencyTest::inside);
                LaneRows lanes = gt.lanes().orElseThrow();
                assertEquals(4, lanes.lanes().size());
                assertEquals(LaneLabeler.hSamples(H), lanes.hSamples());
                int present = 0;
                for (int slot = 0; slot < 4; slot++) {
                    List<Double> xs = lanes.lanes().get(slot);
                    boolean any = xs.stream().anyMatch(x -> x != LaneRows.ABSENT);
                    present += any ? 1 : 0;
                    for (double x : xs) {
                        assertTrue(x == LaneRows.ABSENT || (x >= 0 && x < W), "x " + x);
                    }
                    int k = world.layout().boundaryOfSlot(slot);
                    if (k < 0 || world.layout().markings().get(k).style() != MarkingStyle.SOLID) {
                        continue;
                    }
                    for (int r = lanes.hSamples().size() - 3; r < lanes.hSamples().size(); r++) {
                        double x = xs.get(r);
                        int y = lanes.hSamples().get(r);
                        if (x < 30 || x > W - 30) {
                            continue;
                        }
                        solidChecks++;
                        double centre = luma(f, (int) x, y);
                        double side = Math.min(luma(f, (int) x - 25, y), luma(f, (int) x + 25, y));
                        if (centre > side + 15) {
                            solidHits++;
                        }
                    }
                }
                if (scene == Scene.HIGHWAY) {
                    assertTrue(present >= 2, "highway frame " + i + " has " + present + " lanes");
                } else {
                    urban++;
                    if (gt.objects().stream().anyMatch(d -> d.label().equals(ObjectClass.PEDESTRIAN))) {
                        urbanWithPedestrians++;
                    }
                }
            }
        }
        assertTrue(urbanWithPedestrians >= urban * 0.7, urbanWithPedestrians + " of " + urban);
        assertTrue(solidChecks >= 20, "checks " + solidChecks);
        assertTrue(solidHits >= solidChecks * 0.9, solidHits + " of " + solidChecks);
    }

    private static void inside(BoundingBox b) {
        assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= W && b.y2() <= H && b.x2() > b.x1() && b.y2() > b.y1(),
                b.toString());
    }

    private static double luma(SyntheticFrame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return 0.114 * (f.bgr()[i] & 0xFF) + 0.587 * (f.bgr()[i + 1] & 0xFF) + 0.299 * (f.bgr()[i + 2] & 0xFF);
    }
}
