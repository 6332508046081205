package dev.triage.launch.output;

import dev.triage.perception.pipeline.PipelineSettings.Delivery;
import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.spi.FrameProblem;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report.html from hand-made results: self-contained, with every section. */
class HtmlReportTest {

    /** Fails if the page loads or links anything from outside itself. */
    static void assertSelfContained(String html) {
        Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html);
        assertFalse(m.find(), () -> "external reference: " + html.substring(Math.max(0, m.start() - 40),
                Math.min(html.length(), m.end() + 60)));
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.toLowerCase().contains("<link"), "no linked stylesheets");
        assertFalse(html.contains("@import") || html.contains("url("), "no CSS imports or URLs");
    }

    static PipelineSummary summary(ReportCollector c, long framesIn, Map<FrameProblem.Kind, Long> problems) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        latency.put("end_to_end", new LatencySummary(100, 12, 61, 61, 17));
        latency.put("gate", new LatencySummary(100, 2, 2, 2, 2));
        return new PipelineSummary(framesIn, c.frames() - problems.values().stream().mapToLong(Long::longValue).sum(),
                problems, c.deadlineMisses(), 50, latency, Map.of("urban", 0.5, "highway", 0.5), 4,
                OptionalDouble.of(1.0), 0, Map.of("urban", 0.5, "highway", 0.5));
    }

    @Test
    void reportHasEverySectionAndIsSelfContained() {
        ReportCollector c = new ReportCollector();
        for (long seq = 0; seq < 100; seq++) {
            if (seq == 42) {
                c.onProblem(Fixtures.problem(seq, FrameProblem.Kind.DECODE_FAILED,
                        "frame #42 (bad.jpg): corrupt <jpeg> & \"odd\" bytes"));
            } else {
                c.accept(Fixtures.result(seq, 640, 480));
            }
        }
        EvaluationReport eval = new EvaluationReport(99, Optional.of(1.0),
                Map.of("urban", Map.of("urban", 59L, "highway", 0L),
                        "highway", Map.of("urban", 0L, "highway", 40L)), Optional.of(0.98), 59,
                Map.of("pedestrian", new ClassMetrics("pedestrian", 60, 70, 55, 0.917, 0.786, 0.88)), 0, Map.of(),
                Optional.of(new LaneMetrics(40, 0.93, 0.05, 0.07)));
        Thumbnail thumb = new Thumbnail(0, 0, "#0 urban", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, 64, 48);
        String html = HtmlReport.render(new HtmlReport.Input("synthetic:seed=7", Optional.empty(),
                summary(c, 100, Map.of(FrameProblem.Kind.DECODE_FAILED, 1L)), Optional.of(eval), c,
                Optional.empty(), List.of(thumb), List.of(), Delivery.LOSSLESS, 1));

        assertSelfContained(html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg id=\"gate-timeline\""));
        assertTrue(html.contains("class=\"smoothed\""), "smoothed probability line");
        assertTrue(html.contains("aria-label=\"end_to_end latency histogram\""));
        assertTrue(html.contains("data-stage=\"expert:urban\""));
        assertTrue(html.contains("class=\"budget\""), "budget line on the end-to-end histogram");
        assertTrue(html.contains("<table id=\"problem-frames\""));
        assertTrue(html.contains("<td class=\"num\">42</td><td class=\"kind-decode_failed\">decode_failed</td>"));
        assertTrue(html.contains("corrupt &lt;jpeg&gt; &amp; &quot;odd&quot; bytes"), "messages are escaped");
        assertTrue(html.contains("src=\"data:image/jpeg;base64,/9gBAg==\""));
        assertTrue(html.contains("id=\"gate-confusion\"") && html.contains("id=\"detection-metrics\"")
                && html.contains("id=\"lane-metrics\""));
        assertTrue(html.contains("0.917") && html.contains("0.880"), "recall and AP50");
        assertTrue(html.contains(">truth</text>"), "ground-truth strip");
        assertFalse(html.contains("broke off early"));
    }

    @Test
    void problemTableIsCappedAndAnEarlyBreakIsStated() {
        ReportCollector c = new ReportCollector();
        for (long seq = 0; seq < 500; seq++) {
            c.onProblem(Fixtures.problem(seq, FrameProblem.Kind.DROPPED_REPLACED, "frame #" + seq + " replaced"));
        }
        String html = HtmlReport.render(new HtmlReport.Input("drive.bag", Optional.of("drive.bag: truncated chunk at "
                + "byte 1234"), summary(c, 500, Map.of(FrameProblem.Kind.DROPPED_REPLACED, 500L)), Optional.empty(), c,
                Optional.empty(), List.of(), List.of(), Delivery.LATEST_ONLY, 1));
        assertSelfContained(html);
        assertEquals(ReportCollector.MAX_PROBLEM_ROWS, html.split("kind-dropped_replaced\">").length - 1);
        assertTrue(html.contains("and 300 more problem frames"));
        assertTrue(html.contains("The source broke off early") && html.contains("truncated chunk at byte 1234"));
        assertTrue(html.contains("real-time replay (recorded pace, drops allowed)"), "the header names real time");
        assertFalse(html.contains("id=\"gate-confusion\""), "no accuracy without labels");
    }

    @Test
    void longDrivesAreKeptInBoundedMemory() {
        ReportCollector c = new ReportCollector();
        long n = ReportCollector.MAX_FRAMES * 2L + 10;
        var r = Fixtures.result(0, 64, 48);
        for (long i = 0; i < n; i++) {
            c.accept(r);
        }
        assertTrue(c.records() <= ReportCollector.MAX_FRAMES, "records " + c.records());
        assertEquals(4, c.stride());
        assertEquals(n, c.frames());
        String html = HtmlReport.render(new HtmlReport.Input("long", Optional.empty(), summary(c, n, Map.of()),
                Optional.empty(), c, Optional.empty(), List.of(), List.of(), Delivery.THROUGHPUT, 2));
        assertTrue(html.length() < 400_000, "report size " + html.length());
        assertTrue(html.contains("throughput replay (2 frames at once"), "the header names throughput mode");
    }

    @Test
    void niceAxisLimits() {
        assertEquals(50, LatencyHistogramSvg.niceCeil(41), 1e-9);
        assertEquals(2.5, LatencyHistogramSvg.niceCeil(2.1), 1e-9);
        assertEquals(0.5, LatencyHistogramSvg.niceCeil(0.5), 1e-9);
        assertEquals(100, LatencyHistogramSvg.niceCeil(55), 1e-9);
    }
}
