package dev.triage.gating;

import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.ContextPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns noisy per-frame gate outputs into a stable route over any number of scenes (the gate's classes). Per frame,
 * on the worker thread:
 * <ol>
 *   <li><b>Speed prior</b> (optional): the raw odds of the scene named {@code highway}, when the gate has one, are
 *       multiplied by a bounded factor of the speed ({@link SpeedPrior#adjust}); never decisive alone.</li>
 *   <li><b>Smoothing:</b> {@code s = alpha * raw + (1 - alpha) * s} for every scene, only on frames where the gate
 *       ran (a repeated output would otherwise count twice). The first frame sets {@code s = raw} and the start
 *       context to its likeliest scene.</li>
 *   <li><b>Hysteresis and dwell:</b> the context switches to the challenger (the likeliest other scene) only when the
 *       challenger's smoothed probability is at least {@code enterThreshold} and the current context has been held for
 *       at least {@code minDwellFrames} frames (counting the frame that entered it). As the threshold is above 0.5,
 *       at most one scene can meet it. Switches are counted.</li>
 *   <li><b>Uncertainty:</b> the frame is uncertain when the current context's smoothed probability is below
 *       {@code uncertainBelow}. This covers "the smoothed maximum is below the band" and also "hysteresis or dwell
 *       holds a context the evidence has left". An uncertain frame runs the top two, the current context and the
 *       challenger, most likely first, when {@code costs(current) + costs(challenger) <= remainingNanos} (unmeasured
 *       costs count as 0, so both run, and get measured, at the start; an expert serving both scenes is counted
 *       twice, which errs on the safe side); otherwise only the current context's experts.</li>
 * </ol>
 * With the two scenes {@code urban} and {@code highway} this is the original two-expert policy. Holds the state of
 * one camera; not thread-safe. The gate's scenes must not change between frames.
 *
 * <pre>{@code
 * ContextPolicy policy = new GatePolicy(GatePolicyParams.defaults());
 * SceneContext ctx = policy.route(new PolicyInput(raw, true, remainingNanos, costs, OptionalDouble.empty()));
 * }</pre>
 */
public final class GatePolicy implements ContextPolicy {

    private final GatePolicyParams params;
    private SceneProbabilities smoothed;
    private String current;
    private long framesInCurrent;
    private long switches;

    public GatePolicy(GatePolicyParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    @Override
    public SceneContext route(PolicyInput input) {
        SceneProbabilities raw = Objects.requireNonNull(input.raw(), "raw");
        SceneProbabilities observed = input.speedMps() == null || input.speedMps().isEmpty() ? raw
                : params.speedPrior().adjust(raw, input.speedMps().getAsDouble());
        if (smoothed == null) {
            smoothed = observed;
            current = observed.likeliest();
            framesInCurrent = 0;
        } else if (!smoothed.sameScenes(observed)) {
            throw new IllegalArgumentException("the gate's scenes changed from " + smoothed.scenes() + " to "
                    + observed.scenes());
        } else if (input.gateRan()) {
            smoothed = smooth(smoothed, observed, params.alpha());
        }
        Optional<String> challenger = smoothed.likeliestOtherThan(current);
        if (challenger.isPresent() && framesInCurrent >= params.minDwellFrames()
                && smoothed.of(challenger.get()) >= params.enterThreshold()) {
            current = challenger.get();
            challenger = smoothed.likeliestOtherThan(current);
            framesInCurrent = 0;
            switches++;
        }
        framesInCurrent++;

        boolean uncertain = smoothed.of(current) < params.uncertainBelow();
        List<String> chosen = List.of(current);
        if (uncertain && challenger.isPresent() && fitsBoth(input, challenger.get())) {
            String other = challenger.get();
            chosen = smoothed.of(other) > smoothed.of(current) ? List.of(other, current) : List.of(current, other);
        }
        return new SceneContext(current, smoothed, raw, chosen, uncertain, switches);
    }

    private static SceneProbabilities smooth(SceneProbabilities s, SceneProbabilities observed, double a) {
        List<Double> values = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            values.add(a * observed.values().get(i) + (1 - a) * s.values().get(i));
        }
        return new SceneProbabilities(s.scenes(), values);
    }

    private boolean fitsBoth(PolicyInput input, String other) {
        CostEstimate costs = input.costs();
        if (costs == null) {
            return true;
        }
        long need = Math.max(0, costs.expectedNanos(current)) + Math.max(0, costs.expectedNanos(other));
        return need <= input.remainingNanos();
    }

    /** The context in force, or empty before the first frame. */
    public Optional<String> current() {
        return Optional.ofNullable(current);
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
