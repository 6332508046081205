package dev.triage.perception.pipeline;

import dev.triage.perception.spi.FrameProblem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one vocabulary of a pipeline's counters: the keys and the latency shape, defined here once and rendered by
 * every output, nested at the dots in replay's {@code summary.json} and flat in the nodes' {@code /diagnostics}
 * (both ROS transports). Keys, in this order:
 * <ul>
 *   <li>{@code frames_in}, {@code frames_processed}, {@code frames_dropped}, {@code frames_failed},
 *   {@code deadline_misses}, {@code budget_ms}, {@code gate_switches};</li>
 *   <li>{@code errors.<kind>} for every {@link FrameProblem.Kind} (dropped_replaced, dropped_stale, decode_failed,
 *   inference_failed) and {@code errors.sink} (a sink threw);</li>
 *   <li>{@code latency_ms.<stage>.p50|p99|max|mean|count} per stage, {@code end_to_end} first;</li>
 *   <li>{@code expert_share.<expert>}, {@code scene_share.<scene>}, and {@code scene_accuracy} when frames carried
 *   a scene label.</li>
 * </ul>
 */
public final class SummaryFields {
    private SummaryFields() {
    }

    /** The fields of {@code s} by dotted key, in the order above. */
    public static Map<String, Number> of(PipelineSummary s) {
        Map<String, Number> f = new LinkedHashMap<>();
        f.put("frames_in", s.framesIn());
        f.put("frames_processed", s.framesProcessed());
        f.put("frames_dropped", s.framesDropped());
        f.put("frames_failed", s.framesFailed());
        f.put("deadline_misses", s.deadlineMisses());
        f.put("budget_ms", s.budgetMs());
        f.put("gate_switches", s.gateSwitches());
        for (FrameProblem.Kind kind : FrameProblem.Kind.values()) {
            f.put("errors." + kind.name().toLowerCase(Locale.ROOT), s.problems().getOrDefault(kind, 0L));
        }
        f.put("errors.sink", s.sinkErrors());
        s.latencyMs().forEach((stage, l) -> latency(f, "latency_ms." + stage, l));
        s.expertShare().forEach((expert, share) -> f.put("expert_share." + expert, share));
        s.sceneShare().forEach((scene, share) -> f.put("scene_share." + scene, share));
        s.sceneAccuracy().ifPresent(a -> f.put("scene_accuracy", a));
        return Collections.unmodifiableMap(f);
    }

    /** Puts {@code prefix.p50}, {@code .p99}, {@code .max}, {@code .mean} and {@code .count} of {@code l}. */
    public static void latency(Map<String, Number> fields, String prefix, LatencySummary l) {
        fields.put(prefix + ".p50", l.p50());
        fields.put(prefix + ".p99", l.p99());
        fields.put(prefix + ".max", l.max());
        fields.put(prefix + ".mean", l.mean());
        fields.put(prefix + ".count", l.count());
    }
}
