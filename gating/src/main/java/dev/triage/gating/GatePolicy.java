package dev.triage.gating;

import dev.triage.perception.core.Scene;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy;

import java.util.List;
import java.util.Objects;

/**
 * Turns noisy per-frame gate outputs into a stable route. Per frame, on the worker thread:
 * <ol>
 *   <li><b>Speed prior</b> (optional): the raw highway odds are multiplied by a bounded factor of the speed
 *       ({@link SpeedPrior}); never decisive alone.</li>
 *   <li><b>Smoothing:</b> {@code s = alpha * raw + (1 - alpha) * s}, only on frames where the gate ran (a repeated
 *       output would otherwise count twice). The first frame sets {@code s = raw} and the start context to its
 *       likeliest scene.</li>
 *   <li><b>Hysteresis and dwell:</b> the context switches to the other scene only when the other scene's smoothed
 *       probability is at least {@code enterThreshold} and the current context has been held for at least
 *       {@code minDwellFrames} frames (counting the frame that entered it). Switches are counted.</li>
 *   <li><b>Uncertainty:</b> the frame is uncertain when the current context's smoothed probability is below
 *       {@code uncertainBelow}. This covers "the smoothed maximum is below the band" and also "hysteresis or dwell
 *       holds a context the evidence has left". An uncertain frame runs both experts, most likely first, when
 *       {@code costs(current) + costs(other) <= remainingNanos} (unmeasured costs count as 0, so both run, and get
 *       measured, at the start); otherwise only the current context's expert.</li>
 * </ol>
 * Holds the state of one camera; not thread-safe.
 *
 * <pre>{@code
 * ContextPolicy policy = new GatePolicy(GatePolicyParams.defaults());
 * SceneContext ctx = policy.route(new PolicyInput(raw, true, remainingNanos, costs, OptionalDouble.empty()));
 * }</pre>
 */
public final class GatePolicy implements ContextPolicy {

    private final GatePolicyParams params;
    private SceneProbabilities smoothed;
    private Scene current;
    private long framesInCurrent;
    private long switches;

    public GatePolicy(GatePolicyParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    @Override
    public SceneContext route(PolicyInput input) {
        SceneProbabilities raw = Objects.requireNonNull(input.raw(), "raw");
        SceneProbabilities observed = withSpeedPrior(raw, input);
        if (smoothed == null) {
            smoothed = observed;
            current = observed.likeliest();
            framesInCurrent = 0;
        } else if (input.gateRan()) {
            double a = params.alpha();
            double highway = a * observed.highway() + (1 - a) * smoothed.highway();
            smoothed = new SceneProbabilities(1 - highway, highway);
        }
        Scene other = other(current);
        if (framesInCurrent >= params.minDwellFrames() && smoothed.of(other) >= params.enterThreshold()) {
            current = other;
            other = other(current);
            framesInCurrent = 0;
            switches++;
        }
        framesInCurrent++;

        boolean uncertain = smoothed.of(current) < params.uncertainBelow();
        List<Scene> chosen = List.of(current);
        if (uncertain && fitsBoth(input, other)) {
            chosen = smoothed.of(other) > smoothed.of(current) ? List.of(other, current) : List.of(current, other);
        }
        return new SceneContext(current, smoothed, raw, chosen, uncertain, switches);
    }

    private boolean fitsBoth(PolicyInput input, Scene other) {
        CostEstimate costs = input.costs();
        if (costs == null) {
            return true;
        }
        long need = Math.max(0, costs.expectedNanos(current)) + Math.max(0, costs.expectedNanos(other));
        return need <= input.remainingNanos();
    }

    private SceneProbabilities withSpeedPrior(SceneProbabilities raw, PolicyInput input) {
        if (input.speedMps() == null || input.speedMps().isEmpty()) {
            return raw;
        }
        double highway = params.speedPrior().adjustHighway(raw.highway(), input.speedMps().getAsDouble());
        return new SceneProbabilities(1 - highway, highway);
    }

    private static Scene other(Scene s) {
        return s == Scene.URBAN ? Scene.HIGHWAY : Scene.URBAN;
    }

    /** The context in force, or empty before the first frame. */
    public java.util.Optional<Scene> current() {
        return java.util.Optional.ofNullable(current);
    }

    /** Context switches since the start. */
    public long switches() {
        return switches;
    }

    /** The parameters in use. */
    public GatePolicyParams params() {
        return params;
    }
}
