package dev.triage.launch.output;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.perception.core.Stages;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.render.ScenePalette;
import dev.triage.perception.spi.FrameProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG, thumbnails as base64 data URIs, no
 * script, nothing fetched) that summarises a replay: summary numbers, the gate timeline (decided scene, true scene,
 * drops and misses, each scene's probability, one colour per scene), latency histograms per stage with p50, p99 and the budget, expert
 * share, drops and deadline misses, the problem frames, sample overlay frames and, when labels exist, the accuracy
 * tables.
 *
 * <pre>{@code
 * HtmlReport.write(out.resolve("report.html"), new HtmlReport.Input(source.describe(), Optional.empty(),
 *         run.summary(), Optional.of(evaluation.report()), collector, Optional.of(overlay.stats()),
 *         overlay.samples(), overlay.problemSamples(), false));
 * }</pre>
 */
public final class HtmlReport {
    static final String DROPPED = "#a8a8a8";
    static final String FAILED = "#c00000";
    static final String MISSED = "#ff8c00";
    private static final int TIMELINE_WIDTH = 1000;
    private static final int LABEL_WIDTH = 110;
    private static final int HISTOGRAM_BARS = 40;

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
     * @param realtime       whether the replay honoured the recorded timestamps
     */
    public record Input(String source, Optional<String> sourceError, PipelineSummary summary,
                        Optional<EvaluationReport> evaluation, ReportCollector frames, Optional<OverlayStats> overlay,
                        List<Thumbnail> samples, List<Thumbnail> problemSamples, boolean realtime) {
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
                .append("</code> &middot; ").append(in.realtime() ? "real-time replay (recorded pace, drops allowed)"
                        : "lossless replay (as fast as possible, no drops)")
                .append(" &middot; written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</p>\n");
        in.sourceError().ifPresent(e -> h.append("<p class=\"alert\"><b>The source broke off early.</b> "
                + "Everything before the break was processed; the numbers below cover only those frames.<br>")
                .append(esc(e)).append("</p>\n"));
        summary(h, in);
        timeline(h, in.frames());
        histograms(h, in.summary(), in.frames());
        experts(h, in.summary(), in.frames());
        dropsAndMisses(h, in);
        problems(h, in.frames());
        samples(h, in);
        in.evaluation().ifPresent(e -> accuracy(h, e));
        h.append("</body></html>\n");
        return h.toString();
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

    private static void timeline(StringBuilder h, ReportCollector f) {
        h.append("<h2 id=\"timeline\">Gate timeline</h2>\n");
        int n = f.records();
        if (n == 0) {
            h.append("<p>No frames.</p>\n");
            return;
        }
        List<String> scenes = f.scenes();
        int k = scenes.size();
        ScenePalette palette = ScenePalette.of(scenes);
        int columns = Math.min(n, TIMELINE_WIDTH);
        double colWidth = TIMELINE_WIDTH / (double) columns;
        byte[] decided = new byte[columns]; // scene index, k dropped, k + 1 failed, -1 unknown
        byte[] truth = new byte[columns];
        byte[] events = new byte[columns]; // 0 none, 1 missed, 2 dropped, 3 failed
        double[][] raw = new double[k][columns];
        double[][] smooth = new double[k][columns];
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns);
            int to = (int) ((long) (c + 1) * n / columns);
            int[] votes = new int[k + 2];
            int[] truthVotes = new int[k];
            double[] rawSum = new double[k];
            double[] smoothSum = new double[k];
            int[] probs = new int[k];
            for (int i = from; i < to; i++) {
                byte d = f.decided(i);
                if (d >= 0) {
                    votes[d]++;
                } else if (d == ReportCollector.DROPPED) {
                    votes[k]++;
                } else if (d == ReportCollector.FAILED) {
                    votes[k + 1]++;
                }
                if (f.truth(i) >= 0) {
                    truthVotes[f.truth(i)]++;
                }
                byte e = switch (d) {
                    case ReportCollector.DROPPED -> 2;
                    case ReportCollector.FAILED -> 3;
                    default -> (f.flags(i) & ReportCollector.MISSED) != 0 ? (byte) 1 : 0;
                };
                events[c] = (byte) Math.max(events[c], e);
                for (int s = 0; s < k; s++) {
                    if (!Float.isNaN(f.smooth(s, i))) {
                        rawSum[s] += f.raw(s, i);
                        smoothSum[s] += f.smooth(s, i);
                        probs[s]++;
                    }
                }
            }
            decided[c] = any(votes) ? (byte) argmax(votes) : -1;
            truth[c] = any(truthVotes) ? (byte) argmax(truthVotes) : -1;
            for (int s = 0; s < k; s++) {
                raw[s][c] = probs[s] == 0 ? Double.NaN : rawSum[s] / probs[s];
                smooth[s][c] = probs[s] == 0 ? Double.NaN : smoothSum[s] / probs[s];
            }
        }
        String[] sceneColours = new String[k + 2];
        for (int s = 0; s < k; s++) {
            sceneColours[s] = palette.hex(scenes.get(s));
        }
        sceneColours[k] = DROPPED;
        sceneColours[k + 1] = FAILED;
        boolean withTruth = f.anyTruth();
        int stripH = 22;
        int gap = 6;
        int y = 4;
        int plotH = 120;
        int height = y + (stripH + gap) * (withTruth ? 3 : 2) + plotH + 30;
        int width = LABEL_WIDTH + TIMELINE_WIDTH + 10;
        h.append("<svg id=\"gate-timeline\" class=\"chart\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"gate timeline\">\n");
        label(h, y + stripH / 2.0, "decided");
        strip(h, decided, y, stripH, colWidth, sceneColours);
        y += stripH + gap;
        if (withTruth) {
            label(h, y + stripH / 2.0, "truth");
            strip(h, truth, y, stripH, colWidth, sceneColours);
            y += stripH + gap;
        }
        label(h, y + stripH / 2.0, "events");
        h.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(TIMELINE_WIDTH).append("\" height=\"").append(stripH).append("\" fill=\"#f4f4f4\"/>\n");
        strip(h, events, y, stripH, colWidth, new String[] {null, MISSED, DROPPED, FAILED});
        y += stripH + gap;
        // probability plot: one colour per scene, smoothed thick, raw thin
        label(h, y + plotH / 2.0, "p(scene)");
        h.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                .append(TIMELINE_WIDTH).append("\" height=\"").append(plotH)
                .append("\" fill=\"none\" stroke=\"#ccc\"/>\n");
        double mid = y + plotH / 2.0;
        h.append("<line x1=\"").append(LABEL_WIDTH).append("\" x2=\"").append(LABEL_WIDTH + TIMELINE_WIDTH)
                .append("\" y1=\"").append(fmt(mid)).append("\" y2=\"").append(fmt(mid))
                .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
        h.append("<text x=\"").append(LABEL_WIDTH - 4).append("\" y=\"").append(y + 10)
                .append("\" class=\"tick\" text-anchor=\"end\">1</text><text x=\"").append(LABEL_WIDTH - 4)
                .append("\" y=\"").append(y + plotH).append("\" class=\"tick\" text-anchor=\"end\">0</text>\n");
        for (int s = 0; s < k; s++) {
            polyline(h, raw[s], y, plotH, colWidth, palette.hex(scenes.get(s)), 1, "raw", scenes.get(s));
        }
        for (int s = 0; s < k; s++) {
            polyline(h, smooth[s], y, plotH, colWidth, palette.hex(scenes.get(s)), 2, "smoothed", scenes.get(s));
        }
        y += plotH;
        // x axis: frame index
        long total = f.frames();
        for (int t = 0; t <= 4; t++) {
            double x = LABEL_WIDTH + t * TIMELINE_WIDTH / 4.0;
            h.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y + 16).append("\" class=\"tick\" ")
                    .append("text-anchor=\"").append(t == 0 ? "start" : t == 4 ? "end" : "middle").append("\">")
                    .append(Math.round(t * (total - 1) / 4.0)).append("</text>\n");
        }
        h.append("</svg>\n<p class=\"legend\">");
        for (String scene : scenes) {
            swatch(h, palette.hex(scene), scene);
        }
        swatch(h, DROPPED, "dropped");
        swatch(h, FAILED, "failed");
        swatch(h, MISSED, "deadline missed");
        h.append("&nbsp; lines: each scene's smoothed (solid) and raw (dashed) probability in its colour (0.5 grey dashes). "
                + "x: frame index");
        if (columns < n || f.stride() > 1) {
            h.append("; one column = ").append(fmt(n * (double) f.stride() / columns))
                    .append(" frames (majority scene, any event)");
        }
        h.append(".</p>\n");
    }

    private static void histograms(StringBuilder h, PipelineSummary s, ReportCollector f) {
        h.append("<h2 id=\"latency\">Latency per stage</h2>\n<div class=\"hists\">\n");
        if (f.stages().isEmpty()) {
            h.append("<p>No processed frames.</p>\n");
        }
        List<String> order = new ArrayList<>();
        if (f.stages().containsKey(Stages.END_TO_END)) {
            order.add(Stages.END_TO_END);
        }
        for (String stage : List.of(Stages.DECODE, Stages.PREPROCESS, Stages.GATE)) {
            if (f.stages().containsKey(stage)) {
                order.add(stage);
            }
        }
        f.stages().keySet().stream().filter(k -> !order.contains(k) && !k.equals(Stages.POSTPROCESS)).sorted()
                .forEach(order::add);
        if (f.stages().containsKey(Stages.POSTPROCESS)) {
            order.add(Stages.POSTPROCESS);
        }
        for (String stage : order) {
            histogram(h, stage, f.stages().get(stage), Optional.ofNullable(s.latencyMs().get(stage)), s.budgetMs());
        }
        h.append("</div>\n<p class=\"legend\"><span style=\"color:#2a9d2a\">&#9474; p50</span> &nbsp; "
                + "<span style=\"color:#d00\">&#9474; p99</span> &nbsp; <b>&#9474; budget</b> (shown where it is in "
                + "range). The last bar also counts everything beyond the axis.</p>\n");
    }

    private static void histogram(StringBuilder h, String stage, LatencyHistogram hist,
                                  Optional<LatencySummary> summary, double budgetMs) {
        LatencySummary own = hist.summary();
        double p50 = summary.map(LatencySummary::p50).orElse(own.p50());
        double p99 = summary.map(LatencySummary::p99).orElse(own.p99());
        boolean e2e = stage.equals(Stages.END_TO_END);
        double range = Math.max(p99 * 1.3, p50 * 2);
        if (e2e) {
            range = Math.max(range, budgetMs * 1.1);
        }
        range = niceCeil(Math.max(range, 0.5));
        double binWidth = range / HISTOGRAM_BARS;
        long[] bars = hist.binCounts(Math.max(1, Math.round(binWidth * 1e6)), HISTOGRAM_BARS);
        long top = 1;
        for (long c : bars) {
            top = Math.max(top, c);
        }
        int w = 320;
        int plotH = 110;
        int left = 8;
        int topPad = 34;
        int height = topPad + plotH + 22;
        double barW = (w - 2 * left) / (double) HISTOGRAM_BARS;
        h.append("<figure class=\"hist\"><svg class=\"chart latency-histogram\" data-stage=\"").append(esc(stage))
                .append("\" width=\"").append(w).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(esc(stage))
                .append(" latency histogram\">\n");
        h.append("<text x=\"").append(left).append("\" y=\"14\" class=\"title\">").append(esc(stage))
                .append("</text><text x=\"").append(left).append("\" y=\"28\" class=\"tick\">p50 ").append(fmt(p50))
                .append(" ms &#183; p99 ").append(fmt(p99)).append(" ms &#183; max ").append(fmt(own.max()))
                .append(" ms &#183; n ").append(own.count()).append("</text>\n");
        for (int b = 0; b < HISTOGRAM_BARS; b++) {
            if (bars[b] == 0) {
                continue;
            }
            double bh = Math.max(1, plotH * bars[b] / (double) top);
            h.append("<rect x=\"").append(fmt(left + b * barW)).append("\" y=\"").append(fmt(topPad + plotH - bh))
                    .append("\" width=\"").append(fmt(Math.max(1, barW - 1))).append("\" height=\"").append(fmt(bh))
                    .append("\" fill=\"#5b8fd6\"><title>").append(fmt(b * binWidth)).append('-')
                    .append(fmt((b + 1) * binWidth)).append(" ms: ").append(bars[b]).append("</title></rect>\n");
        }
        double scale = (w - 2 * left) / range;
        vline(h, left + Math.min(range, p50) * scale, topPad, plotH, "#2a9d2a", "3 2", "p50");
        vline(h, left + Math.min(range, p99) * scale, topPad, plotH, "#d00", "3 2", "p99");
        if (budgetMs <= range) {
            vline(h, left + budgetMs * scale, topPad, plotH, "#000", null, "budget");
        }
        h.append("<line x1=\"").append(left).append("\" x2=\"").append(w - left).append("\" y1=\"")
                .append(topPad + plotH).append("\" y2=\"").append(topPad + plotH).append("\" stroke=\"#888\"/>\n");
        for (int t = 0; t <= 4; t++) {
            h.append("<text x=\"").append(fmt(left + t * (w - 2 * left) / 4.0)).append("\" y=\"")
                    .append(topPad + plotH + 15).append("\" class=\"tick\" text-anchor=\"")
                    .append(t == 0 ? "start" : t == 4 ? "end" : "middle").append("\">").append(fmt(t * range / 4))
                    .append(t == 4 ? " ms" : "").append("</text>");
        }
        h.append("\n</svg></figure>\n");
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
            h.append("<h3>Detections (IoU 0.5)</h3>\n<p>").append(e.detectionFrames())
                    .append(" fully labelled frames</p>\n<table id=\"detection-metrics\" class=\"counts\"><tr>"
                            + "<th>class</th><th>labelled</th><th>predicted</th><th>recall</th><th>precision</th>"
                            + "<th>AP50</th></tr>");
            e.detections().values().stream().sorted((a, b) -> a.label().compareTo(b.label())).forEach(m -> classRow(h, m));
            h.append("</table>\n");
        }
        if (e.weakDetectionFrames() > 0) {
            h.append("<h3>Detections on weak labels (IoU 0.5)</h3>\n<p>").append(e.weakDetectionFrames())
                    .append(" frames with weak labels (for example projected 3D boxes)</p>\n<table "
                            + "id=\"weak-detection-metrics\" class=\"counts\"><tr><th>class</th><th>labelled</th>"
                            + "<th>predicted</th><th>recall</th><th>precision</th><th>AP50</th></tr>");
            e.weakDetections().values().stream().sorted((a, b) -> a.label().compareTo(b.label()))
                    .forEach(m -> classRow(h, m));
            h.append("</table>\n");
        }
        e.lanes().ifPresent(l -> h.append("<h3>Lanes (TuSimple)</h3>\n<table id=\"lane-metrics\" class=\"counts\">"
                + "<tr><th>frames</th><th>accuracy</th><th>false positive rate</th><th>false negative rate</th></tr>"
                + "<tr><td class=\"num\">").append(l.frames()).append("</td><td class=\"num\">")
                .append(fmt3(l.accuracy())).append("</td><td class=\"num\">").append(fmt3(l.fp()))
                .append("</td><td class=\"num\">").append(fmt3(l.fn())).append("</td></tr></table>\n"));
    }

    private static void classRow(StringBuilder h, ClassMetrics m) {
        h.append("<tr><td>").append(esc(m.label())).append("</td><td class=\"num\">").append(m.groundTruth())
                .append("</td><td class=\"num\">").append(m.predictions()).append("</td><td class=\"num\">")
                .append(fmt3(m.recall())).append("</td><td class=\"num\">").append(fmt3(m.precision()))
                .append("</td><td class=\"num\">").append(fmt3(m.ap50())).append("</td></tr>");
    }

    // ------------------------------------------------------------------ SVG and HTML helpers

    private static void strip(StringBuilder h, byte[] values, int y, int height, double colWidth, String[] colours) {
        int c = 0;
        while (c < values.length) {
            int start = c;
            byte v = values[c];
            while (c < values.length && values[c] == v) {
                c++;
            }
            if (v < 0 || v >= colours.length || colours[v] == null) {
                continue;
            }
            h.append("<rect x=\"").append(fmt(LABEL_WIDTH + start * colWidth)).append("\" y=\"").append(y)
                    .append("\" width=\"").append(fmt((c - start) * colWidth)).append("\" height=\"").append(height)
                    .append("\" fill=\"").append(colours[v]).append("\"/>\n");
        }
    }

    private static void polyline(StringBuilder h, double[] values, int y, int height, double colWidth, String colour,
                                 double strokeWidth, String name, String scene) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int c = 0; c < values.length; c++) {
            if (Double.isNaN(values[c])) {
                pen = false;
                continue;
            }
            d.append(pen ? " L" : " M").append(fmt(LABEL_WIDTH + (c + 0.5) * colWidth)).append(',')
                    .append(fmt(y + height * (1 - values[c])));
            pen = true;
        }
        if (d.length() > 0) {
            h.append("<path class=\"").append(name).append("\" data-scene=\"").append(esc(scene)).append("\" d=\"")
                    .append(d.toString().trim())
                    .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
                    .append(fmt(strokeWidth)).append(name.equals("raw") ? "\" stroke-dasharray=\"3 2" : "")
                    .append("\"/>\n");
        }
    }

    private static void vline(StringBuilder h, double x, int y, int height, String colour, String dash, String name) {
        h.append("<line class=\"").append(name).append("\" x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x))
                .append("\" y1=\"").append(y - 2).append("\" y2=\"").append(y + height).append("\" stroke=\"")
                .append(colour).append("\" stroke-width=\"1.5\"");
        if (dash != null) {
            h.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        h.append("/>\n");
    }

    private static void label(StringBuilder h, double y, String text) {
        h.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(fmt(y + 4))
                .append("\" class=\"label\" text-anchor=\"end\">").append(esc(text)).append("</text>\n");
    }

    private static void swatch(StringBuilder h, String colour, String text) {
        h.append("<span class=\"sw\" style=\"background:").append(colour).append("\"></span>").append(esc(text))
                .append(" &nbsp; ");
    }

    private static void card(StringBuilder h, String name, String value) {
        h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"k\">")
                .append(esc(name)).append("</div></div>");
    }

    private static void countRow(StringBuilder h, String what, long count, long of) {
        h.append("<tr><td>").append(esc(what)).append("</td><td class=\"num\">").append(count)
                .append("</td><td class=\"num\">").append(of == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%",
                        100.0 * count / of)).append("</td></tr>");
    }

    private static String pct(long part, long of) {
        return of == 0 || part == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * part / of);
    }

    private static boolean any(int[] votes) {
        for (int v : votes) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(int[] votes) {
        int best = 0;
        for (int i = 1; i < votes.length; i++) {
            if (votes[i] > votes[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code v}. */
    static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

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
