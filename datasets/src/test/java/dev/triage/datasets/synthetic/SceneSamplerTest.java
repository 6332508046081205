package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.perception.core.LaneRows;
import dev.triage.perception.image.OpenCv;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SceneSamplerTest {
    private static final int W = 320;
    private static final int H = 240;

    private static double meanLuma(byte[] bgr, int rowFrom, int rowTo) {
        long sum = 0;
        for (int i = rowFrom * W * 3; i < rowTo * W * 3; i++) {
            sum += bgr[i] & 0xFF;
        }
        return sum / (double) ((rowTo - rowFrom) * W * 3);
    }

    @Test
    void aSampleDependsOnlyOnSeedIndexAndScene() {
        try (SceneSampler a = new SceneSampler(5, W, H); SceneSampler b = new SceneSampler(5, W, H)) {
            b.sample(3, Scene.URBAN); // other samples first must not matter
            assertArrayEquals(a.sample(7, Scene.HIGHWAY).bgr(), b.sample(7, Scene.HIGHWAY).bgr());
        }
    }

    @Test
    void trainingLightCoversNightAndRainBesideTheDrivesConditions() {
        Map<Lighting.Weather, Integer> counts = new EnumMap<>(Lighting.Weather.class);
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            counts.merge(Lighting.sampleVaried(rng).weather(), 1, Integer::sum);
        }
        assertEquals(Lighting.Weather.values().length, counts.size(), counts.toString());
        assertTrue(counts.get(Lighting.Weather.NIGHT) > 180 && counts.get(Lighting.Weather.NIGHT) < 300, counts.toString());
        assertTrue(counts.get(Lighting.Weather.RAIN) > 140 && counts.get(Lighting.Weather.RAIN) < 260, counts.toString());
    }

    @Test
    void nightSamplesAreDarkWithHeadlightsOnTheRoadAhead() {
        int night = 0;
        try (SceneSampler sampler = new SceneSampler(21, W, H)) {
            for (int i = 0; i < 60; i++) {
                SplittableRandom rng = Seeds.stream(21, 5, i, Scene.HIGHWAY.ordinal());
                Camera.sampleVaried(rng, W, H);
                if (Lighting.sampleVaried(rng).weather() != Lighting.Weather.NIGHT) {
                    continue;
                }
                night++;
                byte[] bgr = sampler.sample(i, Scene.HIGHWAY).bgr();
                double sky = meanLuma(bgr, 0, H / 5);
                double roadAhead = meanLuma(bgr, H * 4 / 5, H);
                assertTrue(sky < 60, "night sky mean " + sky);
                assertTrue(roadAhead > sky, "headlit road " + roadAhead + " not above the sky " + sky);
            }
        }
        assertTrue(night >= 3, "only " + night + " night samples in 60");
    }

    @Test
    void wornPaintIsFainterButStaysLabelled() {
        OpenCv.load();
        try (FrameRenderer renderer = new FrameRenderer(W, H, 3)) {
            SplittableRandom rng = new SplittableRandom(3);
            Camera cam = Camera.sample(rng, W, H);
            Lighting light = Lighting.sample(rng);
            SceneWorld world = HighwayWorldGenerator.generate(rng, 100, 100, 0, 25);
            RoadModel road = world.motion().at(world.layout(), 100);
            Effects none = new Effects(0, 0, 0, 1, 0, 0, 0);
            SyntheticFrame fresh = renderer.render(0, world, new FrameView(cam, road, light, 100, 0, 0, 0, 0), none,
                    new SplittableRandom(1));
            SyntheticFrame worn = renderer.render(0, world, new FrameView(cam, road, light, 100, 0, 0, 0, 0.9), none,
                    new SplittableRandom(1));
            LaneRows lanes = fresh.truth().lanes().orElseThrow();
            assertEquals(lanes, worn.truth().lanes().orElseThrow());
            double freshPaint = 0;
            double wornPaint = 0;
            List<Integer> rows = lanes.hSamples();
            for (List<Double> lane : lanes.lanes()) {
                for (int r = 0; r < rows.size(); r++) {
                    double x = lane.get(r);
                    if (x >= 0 && x < W) {
                        int i = (rows.get(r) * W + (int) Math.round(x)) * 3;
                        freshPaint += fresh.bgr()[i + 2] & 0xFF;
                        wornPaint += worn.bgr()[i + 2] & 0xFF;
                    }
                }
            }
            assertTrue(freshPaint > 0, "no labelled lane point inside the frame");
            assertTrue(wornPaint < 0.95 * freshPaint, "worn " + wornPaint + " vs fresh " + freshPaint);
        }
    }
}
