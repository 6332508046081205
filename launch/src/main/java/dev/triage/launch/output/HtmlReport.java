package dev.triage.launch.output;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.perception.core.Stages;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.PipelineSettings.Delivery;
import dev.triage.perception.render.ScenePalette;
import dev.triage.perception.spi.FrameProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.triage.launch.output.HtmlFormat.card;
import static dev.triage.launch.output.HtmlFormat.countRow;
import static dev.triage.launch.output.HtmlFormat.esc;
import static dev.triage.launch.output.HtmlFormat.fmt;
import static dev.triage.launch.output.HtmlFormat.fmt3;
import static dev.triage.launch.output.HtmlFormat.pct;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG, thumbnails as base64 data URIs, no
 * script, nothing fetched) that summarises a replay: summary numbers, the gate timeline ({@link TimelineSvg}),
 * latency histograms per stage ({@link LatencyHistogramSvg}), expert share, drops and deadline misses, the problem
 * frames, sample overlay frames and, when labels exist, the accuracy tables. Text goes through
 * {@link HtmlFormat#esc}.
 *
 * <pre>{@code
 * HtmlReport.write(out.resolve("report.html"), new HtmlReport.Input(source.describe(), Optional.empty(),
 *         run.summary(), Optional.of(evaluation.report()), collector, Optional.of(overlay.stats()),
 *         overlay.samples(), overlay.problemSamples(), Delivery.LOSSLESS, 1));
 * }</pre>
 */
public final class HtmlReport {

    /**
     * What the report shows.
     *
     * @param source         the source's name
     * @param sourceError    why the source broke off early, if it did
     * @param summary        the pipeline's counters and latency percentiles
     * @param evaluation     accuracy against labels, when the source had any
     * @param frames         the per-frame records
     * @param overlay        what the overlay writer did, if one ran
     * @param samples        overlay thumbnails spread over the drive
     * @param problemSamples overlay thumbnails of the first problem frames
     * @param delivery       how frames were delivered: real time, lossless or throughput
     * @param lanes          frames processed at once (more than 1 only in throughput mode)
     */
    public record Input(String source, Optional<String> sourceError, PipelineSummary summary,
                        Optional<EvaluationReport> evaluation, ReportCollector frames, Optional<OverlayStats> overlay,
                        List<Thumbnail> samples, List<Thumbnail> problemSamples, Delivery delivery, int lanes) {
    }

    private HtmlReport() {
    }

    /** Writes the report to {@code file}. */
    public static void write(Path file, Input input) throws IOException {
        Files.writeString(file, render(input), StandardCharsets.UTF_8);
    }

    /** The report as one HTML document. */
    public static String render(Input in) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Triage replay: ")
                .append(esc(in.source())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Triage replay report</h1>\n<p class=\"meta\">source <code>").append(esc(in.source()))
                .append("</code> &middot; ").append(mode(in.delivery(), in.lanes()))
                .append(" &middot; written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</p>\n");
        in.sourceError().ifPresent(e -> h.append("<p class=\"alert\"><b>The source broke off early.</b> "
                + "Everything before the break was processed; the numbers below cover only those frames.<br>")
                .append(esc(e)).append("</p>\n"));
        summary(h, in);
        TimelineSvg.write(h, in.frames());
        LatencyHistogramSvg.write(h, in.summary(), in.frames());
        experts(h, in.summary(), in.frames());
        dropsAndMisses(h, in);
        problems(h, in.frames());
        samples(h, in);
        in.evaluation().ifPresent(e -> accuracy(h, e));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** How the frames were delivered, in words for the report's header line. */
    static String mode(Delivery delivery, int lanes) {
        return switch (delivery) {
            case LATEST_ONLY -> "real-time replay (recorded pace, drops allowed)";
            case LOSSLESS -> "lossless replay (as fast as possible, no drops)";
            case THROUGHPUT -> "throughput replay (" + lanes + " frames at once, no drops, results in frame order)";
        };
    }

    // ------------------------------------------------------------------ sections

    private static void summary(StringBuilder h, Input in) {
        PipelineSummary s = in.summary();
        LatencySummary e2e = s.latencyMs().get(Stages.END_TO_END);
        h.append("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">");
        card(h, "frames in", Long.toString(s.framesIn()));
        card(h, "processed", Long.toString(s.framesProcessed()));
        card(h, "dropped", Long.toString(s.framesDropped()));
        card(h, "failed", Long.toString(s.framesFailed()));
        card(h, "deadline misses", s.deadlineMisses() + pct(s.deadlineMisses(), s.framesProcessed()));
        card(h, "budget", fmt(s.budgetMs()) + " ms");
        if (e2e != null) {
            card(h, "end-to-end p50 / p99", fmt(e2e.p50()) + " / " + fmt(e2e.p99()) + " ms");
        }
        card(h, "gate switches", Long.toString(s.gateSwitches()));
        s.sceneAccuracy().ifPresent(a -> card(h, "scene accuracy", String.format(Locale.ROOT, "%.3f", a)));
        if (s.sinkErrors() > 0) {
            card(h, "sink errors", Long.toString(s.sinkErrors()));
        }
        h.append("</div>\n");
        in.overlay().ifPresent(o -> {
            h.append("<p class=\"meta\">");
            if (o.videoEnabled()) {
                h.append("overlay video <code>overlay.mp4</code>: ").append(o.framesWritten()).append(" frames, ")
                        .append(o.width()).append("x").append(o.height()).append(" at ").append(fmt(o.fps()))
                        .append(" fps, ").append(esc(o.codec())).append("; ");
            } else {
                h.append("overlay video off (<code>--no-video</code>); ");
            }
            h.append("overlay cost per frame: encoder thread p50 ").append(fmt(o.encodeMs().p50())).append(" ms, p99 ")
                    .append(fmt(o.encodeMs().p99())).append(" ms; worker hand-off p50 ")
                    .append(fmt(o.handoffMs().p50())).append(" ms, p99 ").append(fmt(o.handoffMs().p99()))
                    .append(" ms; worker waited ").append(fmt(o.blockedMs())).append(" ms in all for the encoder");
            if (o.videoEnabled()) {
                h.append(". The encoder shares the CPU with the networks: on a machine with few cores it raises the "
                        + "latencies above; replay with <code>--no-video</code> for latency figures");
            }
            if (o.framesDropped() > 0) {
                h.append("; <b>").append(o.framesDropped()).append(" overlay frames dropped</b> (encoder behind)");
            }
            h.append("</p>\n");
            o.error().ifPresent(e -> h.append("<p class=\"alert\">overlay: ").append(esc(e)).append("</p>\n"));
        });
    }

    private static void experts(StringBuilder h, PipelineSummary s, ReportCollector f) {
        h.append("<h2 id=\"experts\">Expert share</h2>\n");
        if (s.expertShare().isEmpty()) {
            h.append("<p>No expert ran.</p>\n");
            return;
        }
        h.append("<table class=\"share\">");
        ScenePalette palette = ScenePalette.of(f.scenes());
        s.expertShare().forEach((name, share) -> {
            String colour = palette.hex(name); // an expert named like a scene takes its colour
            h.append("<tr><td>").append(esc(name)).append("</td><td><svg width=\"300\" height=\"14\">")
                    .append("<rect width=\"300\" height=\"14\" fill=\"#eee\"/><rect width=\"")
                    .append(fmt(300 * share)).append("\" height=\"14\" fill=\"").append(colour)
                    .append("\"/></svg></td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f %%",
                            100 * share)).append("</td></tr>");
        });
        h.append("</table>\n<p class=\"legend\">Fraction of processed frames on which each expert ran (both run "
                + "when the gate is unsure and the budget allows, so shares may add up to more than 100 %).</p>\n");
    }

    private static void dropsAndMisses(StringBuilder h, Input in) {
        PipelineSummary s = in.summary();
        h.append("<h2 id=\"drops\">Deadline misses and lost frames</h2>\n<table class=\"counts\">"
                + "<tr><th>what</th><th>frames</th><th>share of frames in</th></tr>");
        countRow(h, "deadline missed (result late)", s.deadlineMisses(), s.framesIn());
        for (FrameProblem.Kind kind : FrameProblem.Kind.values()) {
            countRow(h, kind.name().toLowerCase(Locale.ROOT), s.problems().getOrDefault(kind, 0L), s.framesIn());
        }
        in.overlay().filter(o -> o.framesDropped() > 0)
                .ifPresent(o -> countRow(h, "overlay frames dropped (encoder behind)", o.framesDropped(),
                        s.framesIn()));
        h.append("</table>\n");
    }

    private static void problems(StringBuilder h, ReportCollector f) {
        List<FrameProblem> rows = f.problemRows();
        h.append("<h2 id=\"problems\">Problem frames</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p>None: every frame produced a result.</p>\n");
            return;
        }
        h.append("<table id=\"problem-frames\" class=\"problems\"><tr><th>seq</th><th>kind</th><th>frame</th>"
                + "<th>message</th></tr>\n");
        for (FrameProblem p : rows) {
            h.append("<tr><td class=\"num\">").append(p.seq()).append("</td><td class=\"kind-")
                    .append(p.kind().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(p.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(esc(p.frameId()))
                    .append("</td><td>").append(esc(p.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (f.problemsNotListed() > 0) {
            h.append("<p class=\"legend\">... and ").append(f.problemsNotListed())
                    .append(" more problem frames not listed (see problems.jsonl).</p>\n");
        }
    }

    private static void samples(StringBuilder h, Input in) {
        h.append("<h2 id=\"samples\">Sample frames</h2>\n");
        if (in.samples().isEmpty() && in.problemSamples().isEmpty()) {
            h.append("<p>No sample frames.</p>\n");
            return;
        }
        h.append("<div class=\"samples\">\n");
        in.samples().forEach(t -> thumbnail(h, t));
        h.append("</div>\n");
        if (!in.problemSamples().isEmpty()) {
            h.append("<h3>First problem frames</h3>\n<div class=\"samples\">\n");
            in.problemSamples().forEach(t -> thumbnail(h, t));
            h.append("</div>\n");
        }
    }

    private static void thumbnail(StringBuilder h, Thumbnail t) {
        h.append("<figure><img alt=\"frame ").append(t.seq()).append("\" width=\"").append(t.width())
                .append("\" height=\"").append(t.height()).append("\" src=\"data:image/jpeg;base64,")
                .append(Base64.getEncoder().encodeToString(t.jpeg())).append("\"><figcaption>").append(esc(t.caption()))
                .append("</figcaption></figure>\n");
    }

    private static void accuracy(StringBuilder h, EvaluationReport e) {
        if (e.sceneFrames() == 0 && e.detectionFrames() == 0 && e.weakDetectionFrames() == 0 && e.lanes().isEmpty()) {
            return;
        }
        h.append("<h2 id=\"accuracy\">Accuracy against labels</h2>\n");
        e.sceneAccuracy().ifPresent(acc -> {
            h.append("<h3>Gate</h3>\n<p>accuracy <b>").append(String.format(Locale.ROOT, "%.3f", acc))
                    .append("</b> over ").append(e.sceneFrames()).append(" labelled frames")
                    .append(e.rawSceneAccuracy().map(r -> String.format(Locale.ROOT,
                            " (gate network alone, before the routing policy: %.3f)", r)).orElse(""))
                    .append("</p>\n")
                    .append("<table id=\"gate-confusion\" class=\"counts\"><tr><th>true \\ decided</th>");
            for (String d : e.scenes()) {
                h.append("<th>").append(esc(d)).append("</th>");
            }
            h.append("</tr>");
            for (String t : e.scenes()) {
                h.append("<tr><th>").append(esc(t)).append("</th>");
                for (String d : e.scenes()) {
                    long c = e.sceneConfusion().getOrDefault(t, Map.of()).getOrDefault(d, 0L);
                    h.append("<td class=\"num").append(t.equals(d) ? " diag" : "").append("\">").append(c)
                            .append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>\n");
        });
        if (e.detectionFrames() > 0) {
            detectionTable(h, "Detections (IoU 0.5)", e.detectionFrames() + " fully labelled frames",
                    "detection-metrics", e.detections());
        }
        if (e.weakDetectionFrames() > 0) {
            detectionTable(h, "Detections on weak labels (IoU 0.5)", e.weakDetectionFrames()
                    + " frames with weak labels (for example projected 3D boxes)", "weak-detection-metrics",
                    e.weakDetections());
        }
        e.lanes().ifPresent(l -> h.append("<h3>Lanes (TuSimple)</h3>\n<table id=\"lane-metrics\" class=\"counts\">"
                + "<tr><th>frames</th><th>accuracy</th><th>false positive rate</th><th>false negative rate</th></tr>"
                + "<tr><td class=\"num\">").append(l.frames()).append("</td><td class=\"num\">")
                .append(fmt3(l.accuracy())).append("</td><td class=\"num\">").append(fmt3(l.fp()))
                .append("</td><td class=\"num\">").append(fmt3(l.fn())).append("</td></tr></table>\n"));
    }

    /** A heading, a line saying which frames count, and a table of one row per class in label order. */
    private static void detectionTable(StringBuilder h, String title, String frames, String id,
                                       Map<String, ClassMetrics> byLabel) {
        h.append("<h3>").append(title).append("</h3>\n<p>").append(frames).append("</p>\n<table id=\"").append(id)
                .append("\" class=\"counts\"><tr><th>class</th><th>labelled</th><th>predicted</th><th>recall</th>"
                        + "<th>precision</th><th>AP50</th></tr>");
        byLabel.values().stream().sorted((a, b) -> a.label().compareTo(b.label())).forEach(m -> classRow(h, m));
        h.append("</table>\n");
    }

    private static void classRow(StringBuilder h, ClassMetrics m) {
        h.append("<tr><td>").append(esc(m.label())).append("</td><td class=\"num\">").append(m.groundTruth())
                .append("</td><td class=\"num\">").append(m.predictions()).append("</td><td class=\"num\">")
                .append(fmt3(m.recall())).append("</td><td class=\"num\">").append(fmt3(m.precision()))
                .append("</td><td class=\"num\">").append(fmt3(m.ap50())).append("</td></tr>");
    }

    // ------------------------------------------------------------------ SVG and HTML helpers

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;\
            color:#222;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
            h3{font-size:15px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
            .meta,.legend{color:#555;font-size:13px}
            .alert{background:#fde8e8;border-left:4px solid #c00000;padding:8px 12px}
            .cards{display:flex;flex-wrap:wrap;gap:10px}
            .card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:110px}
            .card .v{font-size:18px;font-weight:600}.card .k{color:#666;font-size:12px}
            svg.chart text{font-size:11px;fill:#333}svg.chart text.title{font-size:13px;font-weight:600}
            svg.chart text.label{font-size:12px}
            .hists{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}
            table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
            th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}td.diag{font-weight:600}
            table.problems td{font-size:12px;vertical-align:top}
            .kind-decode_failed,.kind-inference_failed{color:#c00000}.kind-dropped_replaced,.kind-dropped_stale{color:#777}
            .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
            .samples{display:flex;flex-wrap:wrap;gap:10px}.samples img{max-width:370px;height:auto;border:1px solid #ccc}
            .samples figcaption{font-size:12px;color:#444;max-width:370px}
            """;
}
