package dev.triage.gating;

import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy.PolicyInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PerFramePolicyTest {

    private static final GatePolicyParams PARAMS = new GatePolicyParams(0.5, 0.7, 10, 0.6, SpeedPrior.off());

    private static PolicyInput frame(double highway) {
        return new PolicyInput(new SceneProbabilities(List.of("urban", "highway"), List.of(1 - highway, highway)), true, 50_000_000L, s -> 10_000_000L,
                OptionalDouble.empty());
    }

    @Test
    void aDriveKeepsItsSceneThroughTheDwellButStillsDoNot() {
        GatePolicy drive = new GatePolicy(PARAMS);
        PerFramePolicy stills = new PerFramePolicy(() -> new GatePolicy(PARAMS));
        for (int i = 0; i < 3; i++) {
            drive.route(frame(0.95));
            stills.route(frame(0.95));
        }
        // an urban frame right after highway frames: the drive's dwell and smoothing hold highway, a still does not
        assertEquals("highway", drive.route(frame(0.02)).scene());
        assertEquals("urban", stills.route(frame(0.02)).scene());
        assertEquals("highway", stills.route(frame(0.97)).scene());
    }
}
