package dev.triage.perception.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneProbabilitiesTest {
    private static final List<String> THREE = List.of("urban", "highway", "night");

    @Test
    void normalisesScoresInClassOrder() {
        SceneProbabilities p = SceneProbabilities.normalised(THREE, new double[] {2, 1, 1});
        assertEquals(THREE, p.scenes());
        assertEquals(0.5, p.of("urban"), 1e-12);
        assertEquals(0.25, p.of("night"), 1e-12);
        assertEquals(0, p.of("tunnel"));
        assertEquals("urban", p.likeliest());
        assertEquals(3, p.size());
        assertTrue(p.contains("night"));
        assertFalse(p.contains("tunnel"));
    }

    @Test
    void allZeroScoresGiveAUniformBelief() {
        SceneProbabilities p = SceneProbabilities.normalised(THREE, new double[] {0, 0, 0});
        assertEquals(1 / 3.0, p.of("highway"), 1e-12);
        assertEquals("urban", p.likeliest(), "ties go to the earlier class");
    }

    @Test
    void rankedIsMostLikelyFirstWithTiesInClassOrder() {
        SceneProbabilities p = new SceneProbabilities(THREE, List.of(0.2, 0.4, 0.4));
        assertEquals(List.of("highway", "night", "urban"), p.ranked());
        assertEquals(Optional.of("night"), p.likeliestOtherThan("highway"));
        assertEquals(Optional.of("highway"), p.likeliestOtherThan("urban"));
        assertEquals(Optional.empty(), new SceneProbabilities(List.of("urban"), List.of(1.0)).likeliestOtherThan("urban"));
    }

    @Test
    void certainPutsAllMassOnOneScene() {
        SceneProbabilities p = SceneProbabilities.certain(THREE, "night");
        assertEquals(1, p.of("night"));
        assertEquals(0, p.of("urban"));
        assertThrows(IllegalArgumentException.class, () -> SceneProbabilities.certain(THREE, "tunnel"));
    }

    @Test
    void rejectsBadVectors() {
        assertThrows(IllegalArgumentException.class, () -> new SceneProbabilities(THREE, List.of(0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new SceneProbabilities(THREE, List.of(0.5, 0.6, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> new SceneProbabilities(THREE, List.of(1.2, -0.2, 0.0)));
        assertThrows(IllegalArgumentException.class,
                () -> new SceneProbabilities(List.of("urban", "urban"), List.of(0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new SceneProbabilities(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SceneProbabilities.normalised(THREE, new double[] {1, 1}));
    }
}
