package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy.CostEstimate;
import dev.triage.perception.spi.ContextPolicy.PolicyInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatePolicyTest {

    private static final long MS = 1_000_000L;
    private static final CostEstimate TEN_MS_EACH = scene -> 10 * MS;

    private static SceneProbabilities hw(double highway) {
        return new SceneProbabilities(List.of("urban", "highway"), List.of(1 - highway, highway));
    }

    private static PolicyInput in(double highway) {
        return new PolicyInput(hw(highway), true, 50 * MS, TEN_MS_EACH, OptionalDouble.empty());
    }

    private static PolicyInput in(double highway, long remaining) {
        return new PolicyInput(hw(highway), true, remaining, TEN_MS_EACH, OptionalDouble.empty());
    }

    private static PolicyInput atSpeed(double highway, double speed) {
        return new PolicyInput(hw(highway), true, 50 * MS, TEN_MS_EACH, OptionalDouble.of(speed));
    }

    private static List<SceneContext> run(GatePolicy policy, List<PolicyInput> inputs) {
        List<SceneContext> out = new ArrayList<>();
        for (PolicyInput i : inputs) {
            out.add(policy.route(i));
        }
        return out;
    }

    private static List<PolicyInput> repeat(double highway, int n) {
        List<PolicyInput> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(in(highway));
        }
        return l;
    }

    @Test
    void startsInTheFirstFramesLikeliestScene() {
        assertEquals("highway", new GatePolicy(GatePolicyParams.defaults()).route(in(0.8)).scene());
        assertEquals("urban", new GatePolicy(GatePolicyParams.defaults()).route(in(0.2)).scene());
        SceneContext first = new GatePolicy(GatePolicyParams.defaults()).route(in(0.9));
        assertEquals(0, first.switches());
        assertEquals(0.9, first.probabilities().of("highway"), 1e-12);
        assertEquals(List.of("highway"), first.chosen());
        assertFalse(first.uncertain());
    }

    @Test
    void alternatingNoisyInputNeverFlaps() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        List<PolicyInput> inputs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            inputs.add(in(i % 2 == 0 ? 0.95 : 0.05));
        }
        List<SceneContext> out = run(policy, inputs);
        assertEquals(0, out.get(out.size() - 1).switches());
        assertTrue(out.stream().allMatch(c -> "highway".equals(c.scene())));
    }

    @Test
    void randomNoiseAroundOneHalfNeverSwitches() {
        Random rnd = new Random(42);
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        policy.route(in(0.6));
        for (int i = 0; i < 2000; i++) {
            policy.route(in(Math.min(1, Math.max(0, 0.5 + (rnd.nextDouble() - 0.5) * 0.6)))); // raw in [0.2, 0.8]
        }
        assertEquals(0, policy.switches());
    }

    @Test
    void switchesOnceWhenTheSceneReallyChanges() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        List<PolicyInput> inputs = new ArrayList<>(repeat(0.1, 30));
        inputs.addAll(repeat(0.9, 30));
        List<SceneContext> out = run(policy, inputs);
        assertEquals("urban", out.get(29).scene());
        assertEquals("highway", out.get(59).scene());
        assertEquals(1, out.get(59).switches());
        // smoothing delays the switch a few frames: s = 0.9 - 0.8 * 0.7^k >= 0.7 from k = 4
        int firstHighway = 0;
        while (!"highway".equals(out.get(firstHighway).scene())) {
            firstHighway++;
        }
        assertEquals(30 + 3, firstHighway);
    }

    @Test
    void hysteresisHoldsBelowTheEnterThreshold() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        run(policy, repeat(0.1, 20));
        List<SceneContext> out = run(policy, repeat(0.69, 200)); // converges to 0.69 < 0.7
        assertTrue(out.stream().allMatch(c -> "urban".equals(c.scene())));
        assertEquals(0.69, out.get(199).probabilities().of("highway"), 1e-6);
        SceneContext onThreshold = run(policy, repeat(0.75, 30)).get(29);
        assertEquals("highway", onThreshold.scene());
        // and back: highway holds until urban reaches 0.7 too
        List<SceneContext> back = run(policy, repeat(0.31, 200)); // urban 0.69
        assertTrue(back.stream().allMatch(c -> "highway".equals(c.scene())));
    }

    @Test
    void minimumDwellIsRespectedEvenOnStrongEvidence() {
        GatePolicyParams noSmoothing = new GatePolicyParams(1.0, 0.7, 10, 0.65, SpeedPrior.off());
        GatePolicy policy = new GatePolicy(noSmoothing);
        List<PolicyInput> inputs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inputs.add(in((i / 3) % 2 == 0 ? 0.99 : 0.01)); // flips every 3 frames, certain each time
        }
        List<SceneContext> out = run(policy, inputs);
        int runLength = 1;
        List<Integer> runs = new ArrayList<>();
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).scene().equals(out.get(i - 1).scene())) {
                runLength++;
            } else {
                runs.add(runLength);
                runLength = 1;
            }
        }
        assertFalse(runs.isEmpty());
        assertTrue(runs.stream().allMatch(r -> r >= 10), runs.toString());
        assertEquals(runs.size(), out.get(out.size() - 1).switches());
    }

    @Test
    void dwellCountsTheStartContext() {
        GatePolicyParams noSmoothing = new GatePolicyParams(1.0, 0.7, 10, 0.65, SpeedPrior.off());
        GatePolicy policy = new GatePolicy(noSmoothing);
        policy.route(in(0.1));
        List<SceneContext> out = run(policy, repeat(0.9, 20));
        assertEquals("urban", out.get(8).scene());  // frame 9
        assertEquals("highway", out.get(9).scene()); // frame 10: urban held frames 0..9
    }

    @Test
    void uncertainFrameRunsBothWhenTheBudgetAllows() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        SceneContext ctx = policy.route(in(0.45, 25 * MS)); // urban 0.55 < 0.65
        assertTrue(ctx.uncertain());
        assertEquals("urban", ctx.scene());
        assertEquals(List.of("urban", "highway"), ctx.chosen());
    }

    @Test
    void uncertainFrameRunsOnlyTheCurrentExpertWhenBothDoNotFit() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        SceneContext ctx = policy.route(in(0.45, 19 * MS)); // 10 + 10 > 19
        assertTrue(ctx.uncertain());
        assertEquals(List.of("urban"), ctx.chosen());
        SceneContext exact = new GatePolicy(GatePolicyParams.defaults()).route(in(0.45, 20 * MS));
        assertEquals(2, exact.chosen().size());
    }

    @Test
    void bothAreOrderedMostLikelyFirstWhenHysteresisHoldsAgainstTheEvidence() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        run(policy, repeat(0.1, 20));
        List<SceneContext> out = run(policy, repeat(0.68, 100));
        SceneContext last = out.get(99);
        assertEquals("urban", last.scene()); // hysteresis holds
        assertTrue(last.uncertain());
        assertEquals(List.of("highway", "urban"), last.chosen());
    }

    @Test
    void unmeasuredCostsLetBothRun() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        SceneContext ctx = policy.route(new PolicyInput(hw(0.5), true, 1, scene -> 0L, OptionalDouble.empty()));
        assertEquals(2, ctx.chosen().size());
    }

    @Test
    void confidentFrameRunsOneExpertWhateverTheBudget() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        SceneContext ctx = policy.route(in(0.9, 1_000 * MS));
        assertFalse(ctx.uncertain());
        assertEquals(List.of("highway"), ctx.chosen());
    }

    @Test
    void framesWithoutAGateRunDoNotReweightTheOldOutput() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        policy.route(in(0.2));
        SceneContext skipped = null;
        for (int i = 0; i < 50; i++) {
            skipped = policy.route(new PolicyInput(hw(0.9), false, 50 * MS, TEN_MS_EACH, OptionalDouble.empty()));
        }
        assertEquals(0.2, skipped.probabilities().of("highway"), 1e-12);
        assertEquals(0.9, skipped.raw().of("highway"), 1e-12);
        assertEquals("urban", skipped.scene());
    }

    @Test
    void speedAloneNeverSwitchesTheContext() {
        SpeedPrior strongest = new SpeedPrior(15, 5, 2.3); // just under the 0.7 threshold's odds 2.33
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(strongest));
        policy.route(atSpeed(0.4, 0));
        List<SceneContext> out = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            out.add(policy.route(atSpeed(0.5, 60))); // undecided camera, motorway speed
        }
        assertTrue(out.stream().allMatch(c -> "urban".equals(c.scene())));
        assertTrue(out.get(499).probabilities().of("highway") < 0.7);
        // a stationary car on an obvious highway still switches
        GatePolicy stopped = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(SpeedPrior.defaults()));
        stopped.route(atSpeed(0.2, 0));
        SceneContext last = null;
        for (int i = 0; i < 40; i++) {
            last = stopped.route(atSpeed(0.95, 0));
        }
        assertEquals("highway", last.scene());
    }

    @Test
    void speedTipsAnAmbiguousGateTowardsHighway() {
        GatePolicy slow = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(SpeedPrior.defaults()));
        GatePolicy fast = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(SpeedPrior.defaults()));
        slow.route(atSpeed(0.3, 5));
        fast.route(atSpeed(0.3, 30));
        SceneContext s = null;
        SceneContext f = null;
        for (int i = 0; i < 60; i++) {
            s = slow.route(atSpeed(0.65, 5));
            f = fast.route(atSpeed(0.65, 30));
        }
        assertEquals("urban", s.scene());
        assertEquals("highway", f.scene()); // 0.65 with odds x1.47 -> 0.73
    }

    @Test
    void rawOutputIsReportedUnchanged() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(SpeedPrior.defaults()));
        SceneContext ctx = policy.route(atSpeed(0.6, 40));
        assertEquals(0.6, ctx.raw().of("highway"), 1e-12);
        assertTrue(ctx.probabilities().of("highway") > 0.6);
    }

    private static final List<String> THREE = List.of("urban", "highway", "night");

    private static PolicyInput three(double urban, double highway, double night, long remaining) {
        return new PolicyInput(new SceneProbabilities(THREE, List.of(urban, highway, night)), true, remaining,
                TEN_MS_EACH, OptionalDouble.empty());
    }

    private static List<SceneContext> repeatThree(GatePolicy policy, double u, double h, double n, int frames) {
        List<SceneContext> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(policy.route(three(u, h, n, 50 * MS)));
        }
        return out;
    }

    @Test
    void threeScenesSwitchToTheChallengerOnceItPassesTheThreshold() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        List<SceneContext> urban = repeatThree(policy, 0.9, 0.05, 0.05, 20);
        assertTrue(urban.stream().allMatch(c -> "urban".equals(c.scene())));
        List<SceneContext> night = repeatThree(policy, 0.05, 0.05, 0.9, 40);
        assertEquals("night", night.get(39).scene());
        assertEquals(1, night.get(39).switches());
        assertEquals(THREE, night.get(39).probabilities().scenes());
        assertEquals(1.0, night.get(39).probabilities().values().stream().mapToDouble(Double::doubleValue).sum(),
                1e-9);
    }

    @Test
    void aSplitBeliefWithNoSceneOverTheThresholdHoldsTheContext() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        repeatThree(policy, 0.8, 0.1, 0.1, 20);
        List<SceneContext> out = repeatThree(policy, 0.2, 0.4, 0.4, 200);
        assertTrue(out.stream().allMatch(c -> "urban".equals(c.scene())));
        assertEquals(0, out.get(199).switches());
        assertTrue(out.get(199).uncertain());
    }

    @Test
    void anUncertainFrameRunsTheTopTwoMostLikelyFirstWithinTheBudget() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        SceneContext first = policy.route(three(0.45, 0.15, 0.40, 25 * MS));
        assertEquals("urban", first.scene());
        assertTrue(first.uncertain());
        assertEquals(List.of("urban", "night"), first.chosen());
        SceneContext tight = new GatePolicy(GatePolicyParams.defaults()).route(three(0.45, 0.15, 0.40, 19 * MS));
        assertEquals(List.of("urban"), tight.chosen());
        // hysteresis holds urban while night leads: night runs first
        repeatThree(policy, 0.45, 0.15, 0.40, 10);
        SceneContext held = repeatThree(policy, 0.3, 0.05, 0.65, 30).get(29);
        assertEquals("urban", held.scene());
        assertEquals(List.of("night", "urban"), held.chosen());
    }

    @Test
    void theSpeedPriorRaisesHighwayAmongThreeScenes() {
        GatePolicy fast = new GatePolicy(GatePolicyParams.defaults().withSpeedPrior(SpeedPrior.defaults()));
        SceneContext c = fast.route(new PolicyInput(new SceneProbabilities(THREE, List.of(0.3, 0.4, 0.3)), true,
                50 * MS, TEN_MS_EACH, OptionalDouble.of(40)));
        assertTrue(c.probabilities().of("highway") > 0.4);
        assertEquals(c.probabilities().of("urban"), c.probabilities().of("night"), 1e-12);
        assertEquals(0.4, c.raw().of("highway"), 1e-12);
    }

    @Test
    void theGatesScenesMustNotChange() {
        GatePolicy policy = new GatePolicy(GatePolicyParams.defaults());
        policy.route(in(0.2));
        assertThrows(IllegalArgumentException.class, () -> policy.route(three(0.2, 0.4, 0.4, 50 * MS)));
    }

    @Test
    void paramsAreValidated() {
        SpeedPrior off = SpeedPrior.off();
        assertThrows(IllegalArgumentException.class, () -> new GatePolicyParams(0, 0.7, 10, 0.65, off));
        assertThrows(IllegalArgumentException.class, () -> new GatePolicyParams(1.1, 0.7, 10, 0.65, off));
        assertThrows(IllegalArgumentException.class, () -> new GatePolicyParams(0.3, 0.5, 10, 0.65, off));
        assertThrows(IllegalArgumentException.class, () -> new GatePolicyParams(0.3, 0.7, -1, 0.65, off));
        assertThrows(IllegalArgumentException.class, () -> new GatePolicyParams(0.3, 0.7, 10, 0.4, off));
        IllegalArgumentException decisive = assertThrows(IllegalArgumentException.class,
                () -> new GatePolicyParams(0.3, 0.7, 10, 0.65, new SpeedPrior(15, 5, 2.5)));
        assertTrue(decisive.getMessage().contains("speed alone"));
        assertThrows(IllegalArgumentException.class, () -> new SpeedPrior(15, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new SpeedPrior(15, 5, 0.9));
    }
}
