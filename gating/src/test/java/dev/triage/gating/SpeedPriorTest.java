package dev.triage.gating;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
