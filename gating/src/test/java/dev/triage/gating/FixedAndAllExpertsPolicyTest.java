package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy.PolicyInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedAndAllExpertsPolicyTest {

    private static PolicyInput in(double highway, long remainingNanos) {
        return new PolicyInput(new SceneProbabilities(List.of("urban", "highway"), List.of(1 - highway, highway)), true, remainingNanos,
                scene -> 40_000_000L, OptionalDouble.empty());
    }

    @Test
    void alwaysUrbanRoutesEveryFrameToUrbanWhateverTheGateSays() {
        FixedPolicy p = FixedPolicy.always("urban");
        for (double hw : new double[] {0.0, 0.5, 0.99}) {
            SceneContext c = p.route(in(hw, 50_000_000L));
            assertEquals("urban", c.scene());
            assertEquals(List.of("urban"), c.chosen());
            assertEquals(hw, c.raw().of("highway"), 1e-12);
            assertEquals(0, c.switches());
            assertFalse(c.uncertain());
        }
    }

    @Test
    void alwaysHighwayRoutesEveryFrameToHighway() {
        FixedPolicy p = FixedPolicy.always("highway");
        assertEquals("highway", p.scene());
        SceneContext c = p.route(in(0.01, 1));
        assertEquals("highway", c.scene());
        assertEquals(List.of("highway"), c.chosen());
    }

    @Test
    void allExpertsRunsBothLikeliestFirstEvenWithoutBudget() {
        AllExpertsPolicy p = new AllExpertsPolicy();
        SceneContext urbanish = p.route(in(0.2, 0));
        assertEquals("urban", urbanish.scene());
        assertEquals(List.of("urban", "highway"), urbanish.chosen());
        SceneContext highwayish = p.route(in(0.8, 0));
        assertEquals("highway", highwayish.scene());
        assertEquals(List.of("highway", "urban"), highwayish.chosen());
        assertEquals(0.8, highwayish.probabilities().of("highway"), 1e-12);
    }

    @Test
    void withThreeScenesAllExpertsRanksEveryScene() {
        List<String> three = List.of("urban", "highway", "night");
        PolicyInput in = new PolicyInput(new SceneProbabilities(three, List.of(0.2, 0.3, 0.5)), true, 0,
                scene -> 40_000_000L, OptionalDouble.empty());
        SceneContext all = new AllExpertsPolicy().route(in);
        assertEquals("night", all.scene());
        assertEquals(List.of("night", "highway", "urban"), all.chosen());
        assertEquals(List.of("night"), FixedPolicy.always("night").route(in).chosen());
        assertThrows(IllegalArgumentException.class, () -> FixedPolicy.always("tunnel").route(in));
    }
}
