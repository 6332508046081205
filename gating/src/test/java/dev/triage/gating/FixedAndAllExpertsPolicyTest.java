package dev.triage.gating;

import dev.triage.perception.core.Scene;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy.PolicyInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FixedAndAllExpertsPolicyTest {

    private static PolicyInput in(double highway, long remainingNanos) {
        return new PolicyInput(new SceneProbabilities(1 - highway, highway), true, remainingNanos,
                scene -> 40_000_000L, OptionalDouble.empty());
    }

    @Test
    void alwaysUrbanRoutesEveryFrameToUrbanWhateverTheGateSays() {
        FixedPolicy p = FixedPolicy.always(Scene.URBAN);
        for (double hw : new double[] {0.0, 0.5, 0.99}) {
            SceneContext c = p.route(in(hw, 50_000_000L));
            assertEquals(Scene.URBAN, c.scene());
            assertEquals(List.of(Scene.URBAN), c.chosen());
            assertEquals(hw, c.raw().highway(), 1e-12);
            assertEquals(0, c.switches());
            assertFalse(c.uncertain());
        }
    }

    @Test
    void alwaysHighwayRoutesEveryFrameToHighway() {
        FixedPolicy p = FixedPolicy.always(Scene.HIGHWAY);
        assertEquals(Scene.HIGHWAY, p.scene());
        SceneContext c = p.route(in(0.01, 1));
        assertEquals(Scene.HIGHWAY, c.scene());
        assertEquals(List.of(Scene.HIGHWAY), c.chosen());
    }

    @Test
    void allExpertsRunsBothLikeliestFirstEvenWithoutBudget() {
        AllExpertsPolicy p = new AllExpertsPolicy();
        SceneContext urbanish = p.route(in(0.2, 0));
        assertEquals(Scene.URBAN, urbanish.scene());
        assertEquals(List.of(Scene.URBAN, Scene.HIGHWAY), urbanish.chosen());
        SceneContext highwayish = p.route(in(0.8, 0));
        assertEquals(Scene.HIGHWAY, highwayish.scene());
        assertEquals(List.of(Scene.HIGHWAY, Scene.URBAN), highwayish.chosen());
        assertEquals(0.8, highwayish.probabilities().highway(), 1e-12);
    }
}
