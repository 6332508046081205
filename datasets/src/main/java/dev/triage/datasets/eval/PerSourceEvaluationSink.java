package dev.triage.datasets.eval;

import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores results per source (the set a frame comes from, e.g. {@code tusimple_highway_lanes_dev}), one
 * {@link EvaluationSink} per source, so that a figure that is good on average but poor on one camera, country or
 * dataset shows. Results whose source is unknown are not scored here. Used on the worker thread; read
 * {@link #reports()} after the run.
 *
 * <pre>{@code
 * PerSourceEvaluationSink bySource = new PerSourceEvaluationSink(
 *         r -> dataset.frame(r.frameId()).map(LabelledFrame::set), dataset.scopes());
 * }</pre>
 */
public final class PerSourceEvaluationSink implements ResultSink {
    private final Function<PerceptionResult, Optional<String>> sourceOf;
    private final DetectionScope.Resolver scopes;
    private final Map<String, EvaluationSink> sinks = new TreeMap<>();

    /**
     * @param sourceOf the source of a result's frame, if known
     * @param scopes   per-frame detection scopes, as for {@link EvaluationSink}
     */
    public PerSourceEvaluationSink(Function<PerceptionResult, Optional<String>> sourceOf,
                                   DetectionScope.Resolver scopes) {
        this.sourceOf = Objects.requireNonNull(sourceOf, "sourceOf");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public void accept(PerceptionResult result) {
        sourceOf.apply(result).ifPresent(source ->
                sinks.computeIfAbsent(source, s -> new EvaluationSink(scopes)).accept(result));
    }

    /** One report per source seen, by source name in alphabetical order. */
    public Map<String, EvaluationReport> reports() {
        Map<String, EvaluationReport> out = new TreeMap<>();
        sinks.forEach((source, sink) -> out.put(source, sink.report()));
        return out;
    }
}
