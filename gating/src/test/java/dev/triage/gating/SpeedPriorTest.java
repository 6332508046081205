package dev.triage.gating;

import dev.triage.perception.core.SceneProbabilities;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedPriorTest {

    @Test
    void factorIsOneAtTheMidpointAndBoundedEitherSide() {
        SpeedPrior p = SpeedPrior.defaults();
        assertEquals(1.0, p.oddsFactor(15), 1e-12);
        assertTrue(p.oddsFactor(40) > 1.45 && p.oddsFactor(40) <= 1.5);
        assertTrue(p.oddsFactor(0) < 1 && p.oddsFactor(0) >= 1 / 1.5);
        assertTrue(p.oddsFactor(1000) <= 1.5);
    }

    @Test
    void factorGrowsWithSpeed() {
        SpeedPrior p = SpeedPrior.defaults();
        double prev = 0;
        for (int v = 0; v <= 50; v++) {
            double f = p.oddsFactor(v);
            assertTrue(f > prev);
            prev = f;
        }
    }

    @Test
    void adjustRaisesHighwayAndKeepsTheOtherScenesRatios() {
        SpeedPrior p = SpeedPrior.defaults();
        List<String> three = List.of("urban", "highway", "night");
        SceneProbabilities raw = new SceneProbabilities(three, List.of(0.2, 0.4, 0.4));
        SceneProbabilities fast = p.adjust(raw, 40);
        assertEquals(p.adjustHighway(0.4, 40), fast.of("highway"), 1e-12);
        assertTrue(fast.of("highway") > 0.4);
        assertEquals(raw.of("urban") / raw.of("night"), fast.of("urban") / fast.of("night"), 1e-12);
        assertEquals(1.0, fast.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        SceneProbabilities slow = p.adjust(raw, 0);
        assertTrue(slow.of("highway") < 0.4 && slow.of("night") > 0.4);
    }

    @Test
    void twoScenesMatchTheHighwayFormulaExactly() {
        SpeedPrior p = SpeedPrior.defaults();
        SceneProbabilities raw = new SceneProbabilities(List.of("urban", "highway"), List.of(0.35, 0.65));
        SceneProbabilities adjusted = p.adjust(raw, 27);
        assertEquals(p.adjustHighway(0.65, 27), adjusted.of("highway"));
        assertEquals(1 - p.adjustHighway(0.65, 27), adjusted.of("urban"));
    }

    @Test
    void aGateWithoutAHighwaySceneIsLeftAlone() {
        SceneProbabilities raw = new SceneProbabilities(List.of("urban", "night"), List.of(0.5, 0.5));
        assertSame(raw, SpeedPrior.defaults().adjust(raw, 40));
    }

    @Test
    void noOtherSceneCanBeLiftedOverTheThresholdBySpeedAlone() {
        SpeedPrior p = new SpeedPrior(15, 5, 2.3); // just under the 0.7 threshold's odds 2.33
        List<String> three = List.of("urban", "highway", "night");
        for (double h = 0.0; h <= 0.5; h += 0.01) {
            double urban = Math.min(0.5, 1 - h); // an undecided camera: nothing above 0.5
            SceneProbabilities raw = new SceneProbabilities(three, List.of(urban, h, 1 - h - urban));
            SceneProbabilities stopped = p.adjust(raw, 0);
            for (String s : three) {
                assertTrue(stopped.of(s) < 0.7, s + " " + stopped);
            }
        }
    }

    @Test
    void adjustsOddsNotProbabilities() {
        SpeedPrior p = new SpeedPrior(15, 5, 1.5);
        double f = p.oddsFactor(20);
        double adjusted = p.adjustHighway(0.5, 20);
        assertEquals(f / (1 + f), adjusted, 1e-12);
        assertEquals(1.0, p.adjustHighway(1.0, 20), 1e-12);
        assertEquals(0.0, p.adjustHighway(0.0, 20), 1e-12);
    }

    @Test
    void offAndNanSpeedsChangeNothing() {
        assertEquals(0.3, SpeedPrior.off().adjustHighway(0.3, 40), 1e-12);
        assertEquals(0.3, SpeedPrior.defaults().adjustHighway(0.3, Double.NaN), 1e-12);
    }
}
