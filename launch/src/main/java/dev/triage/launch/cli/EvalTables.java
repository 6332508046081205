package dev.triage.launch.cli;

import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.perception.pipeline.LatencySummary;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Markdown tables that {@code triage eval} prints: one row per policy and baseline, and one per source. */
final class EvalTables {

    private EvalTables() {
    }

    /** The policies' and baselines' table. */
    static String table(Map<String, PolicyRun> results, Optional<EvalBaselines.Result> hog, Optional<EvalBaselines.Result> hough) {
        StringBuilder t = new StringBuilder();
        t.append("| run | gate acc (routed) | gate acc (per frame) | ped recall@0.5 | ped AP50 | lane acc | lane FP "
                + "| lane FN | mean ms | p99 ms |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach((name, run) -> {
            LatencySummary e2e = run.summary().latencyMs().get("end_to_end");
            Optional<LaneMetrics> lanes = run.report().lanes();
            t.append(row(name, run.report().sceneAccuracy().map(EvalTables::f3),
                    run.report().rawSceneAccuracy().map(EvalTables::f3),
                    run.pedestrian().map(m -> f3(m.recall())), run.pedestrian().map(m -> f3(m.ap50())),
                    lanes.map(l -> f3(l.accuracy())), lanes.map(l -> f3(l.fp())), lanes.map(l -> f3(l.fn())),
                    Optional.ofNullable(e2e).map(e -> f1(e.mean())), Optional.ofNullable(e2e).map(e -> f1(e.p99()))));
        });
        hog.ifPresent(b -> t.append(row("baseline: HOG pedestrians", Optional.empty(), Optional.empty(),
                b.pedestrian().map(m -> f3(m.recall())), b.pedestrian().map(m -> f3(m.ap50())), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(f1(b.latency().mean())),
                Optional.of(f1(b.latency().p99())))));
        hough.ifPresent(b -> t.append(row("baseline: Canny + Hough lanes", Optional.empty(), Optional.empty(),
                Optional.empty(),
                Optional.empty(), b.lanes().map(l -> f3(l.accuracy())), b.lanes().map(l -> f3(l.fp())),
                b.lanes().map(l -> f3(l.fn())), Optional.of(f1(b.latency().mean())),
                Optional.of(f1(b.latency().p99())))));
        return t.toString();
    }

    /** The policy whose figures head the report: gated when it ran, else the first. */
    static String headlinePolicy(Map<String, PolicyRun> results) {
        return results.containsKey("gated") ? "gated" : results.keySet().iterator().next();
    }

    static String sourceTable(Map<String, EvaluationReport> bySource) {
        StringBuilder t = new StringBuilder();
        t.append("| source | frames | gate acc (routed) | gate acc (per frame) | ped recall@0.5 | ped AP50 | lane acc |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        bySource.forEach((source, r) -> t.append(row(source, Optional.of(Integer.toString(r.sceneFrames())),
                r.sceneAccuracy().map(EvalTables::f3), r.rawSceneAccuracy().map(EvalTables::f3),
                PolicyRun.pedestrian(r).map(m -> f3(m.recall())), PolicyRun.pedestrian(r).map(m -> f3(m.ap50())),
                r.lanes().map(l -> f3(l.accuracy())))));
        return t.toString();
    }

    @SafeVarargs
    private static String row(String name, Optional<String>... cells) {
        StringBuilder r = new StringBuilder("| ").append(name).append(" |");
        for (Optional<String> c : cells) {
            r.append(' ').append(c.orElse("–")).append(" |");
        }
        return r.append('\n').toString();
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
