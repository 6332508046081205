package dev.triage.launch.output;

import dev.triage.perception.core.Stages;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.triage.launch.output.HtmlFormat.esc;
import static dev.triage.launch.output.HtmlFormat.fmt;

/**
 * The report's latency section: one inline-SVG histogram per pipeline stage (end to end first, then decode,
 * preprocess, gate, the experts, postprocess), with p50, p99 and, where it is in range, the budget.
 */
final class LatencyHistogramSvg {
    private static final int HISTOGRAM_BARS = 40;

    private LatencyHistogramSvg() {
    }

    /** Appends the section for the stages of {@code f}, with the pipeline's percentiles and budget from {@code s}. */
    static void write(StringBuilder h, PipelineSummary s, ReportCollector f) {
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

    private static void vline(StringBuilder h, double x, int y, int height, String colour, String dash, String name) {
        h.append("<line class=\"").append(name).append("\" x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x))
                .append("\" y1=\"").append(y - 2).append("\" y2=\"").append(y + height).append("\" stroke=\"")
                .append(colour).append("\" stroke-width=\"1.5\"");
        if (dash != null) {
            h.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        h.append("/>\n");
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
}
