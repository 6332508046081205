package dev.triage.fleet.report;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.diff.Segment;
import dev.triage.fleet.exec.ClipOutcome;
import dev.triage.fleet.stats.ChangeRanking;
import dev.triage.fleet.stats.DriveSummary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fleet_report.html}, self-contained: the fleet figures, the failed drives with their errors, and the drives
 * ranked by change: with a baseline by the share of frames that differ (with each drive's most-changed segment),
 * without one by deadline misses and gate switches per hour.
 */
public final class FleetReportHtml {
    /** Drives listed in the ranking. */
    public static final int TOP = 25;
    /** Folder of the A/B clips under the output folder. */
    public static final String CLIPS = "clips";

    private FleetReportHtml() {
    }

    /** The report (a whole HTML page) for {@code drives} with the fleet figures of {@code summaryJson}. */
    public static String html(List<DriveSummary> drives, String summaryJson, boolean withBaseline,
                              List<ClipOutcome> clips) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Triage fleet report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td.l,th.l{text-align:left}")
                .append(".bad{color:#b00}</style></head><body><h1>Triage fleet report</h1>");
        h.append("<h2>Fleet</h2><pre>").append(esc(summaryJson)).append("</pre>");
        List<DriveSummary> failed = drives.stream().filter(d -> !d.ok()).toList();
        h.append("<h2>Failed drives (").append(failed.size()).append(")</h2><table><tr><th class=l>drive</th>")
                .append("<th class=l>error</th><th>frames processed before it</th></tr>");
        failed.forEach(d -> h.append("<tr><td class=l>").append(esc(d.driveId())).append("</td><td class='l bad'>")
                .append(esc(d.error())).append("</td><td>").append(d.frames()).append("</td></tr>"));
        h.append("</table>");
        if (withBaseline) {
            changeRanking(h, drives, clips);
            clipSection(h, clips);
        } else {
            healthRanking(h, drives);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void changeRanking(StringBuilder h, List<DriveSummary> drives, List<ClipOutcome> clips) {
        Map<String, ClipOutcome> clipOf = new HashMap<>();
        clips.forEach(c -> clipOf.put(c.plan().driveId(), c));
        h.append("<h2>Drives that changed most against the baseline</h2><table><tr><th class=l>drive</th>")
                .append("<th>frames</th><th>changed</th><th>share</th><th>scene flips</th><th>gained</th>")
                .append("<th>lost</th><th>lane count changes</th><th class=l>most-changed segment</th><th class=l>clip</th></tr>");
        ChangeRanking.top(drives, TOP).forEach(d -> {
                    ChangeStats c = d.changes();
                    h.append("<tr><td class=l>").append(esc(d.driveId())).append("</td><td>").append(c.frames())
                            .append("</td><td>").append(c.changedFrames()).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%.3f", c.changedShare())).append("</td><td>")
                            .append(c.sceneFlips()).append("</td><td>").append(byClass(c.gained())).append("</td><td>")
                            .append(byClass(c.lost())).append("</td><td>").append(c.laneChanges())
                            .append("</td><td class=l>").append(segment(c.topSegment())).append("</td><td class=l>")
                            .append(clipLink(clipOf.get(d.driveId()))).append("</td></tr>");
                });
        h.append("</table>");
    }

    /** A/B clips: candidate left, baseline right, with the reason when one is missing or short. */
    private static void clipSection(StringBuilder h, List<ClipOutcome> clips) {
        if (clips.isEmpty()) {
            return;
        }
        h.append("<h2>Clips of the most-changed segments (candidate left, baseline right)</h2>");
        for (ClipOutcome c : clips) {
            h.append("<h3>").append(esc(c.plan().driveId())).append(", ").append(segment(c.plan().segment()))
                    .append("</h3>");
            if (c.frames() > 0) {
                h.append("<video controls muted loop width=\"960\" src=\"").append(href(c)).append("\"></video><br>");
            }
            if (!c.ok()) {
                h.append("<p class=bad>").append(esc(c.error())).append("</p>");
            }
        }
    }

    private static String clipLink(ClipOutcome c) {
        if (c == null) {
            return "";
        }
        String link = c.frames() > 0 ? "<a href=\"" + href(c) + "\">" + esc(c.plan().file()) + "</a>" : "";
        return c.ok() ? link : link + " <span class=bad>" + esc(c.error()) + "</span>";
    }

    private static String href(ClipOutcome c) {
        return esc(CLIPS + "/" + URLEncoder.encode(c.plan().file(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static void healthRanking(StringBuilder h, List<DriveSummary> drives) {
        h.append("<h2>Drives with the most deadline misses</h2><table><tr><th class=l>drive</th><th>frames</th>")
                .append("<th>deadline misses</th><th>gate switches</th><th>p50 ms</th><th>p99 ms</th></tr>");
        drives.stream().sorted(Comparator.comparingLong(DriveSummary::deadlineMisses).reversed()
                        .thenComparing(Comparator.comparingLong(DriveSummary::gateSwitches).reversed()))
                .limit(TOP).forEach(d -> h.append("<tr><td class=l>").append(esc(d.driveId())).append("</td><td>")
                        .append(d.frames()).append("</td><td>").append(d.deadlineMisses()).append("</td><td>")
                        .append(d.gateSwitches()).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.1f</td><td>%.1f", d.latency().summary().p50(),
                                d.latency().summary().p99())).append("</td></tr>"));
        h.append("</table>");
    }

    private static String byClass(Map<String, Long> counts) {
        return counts.isEmpty() ? "0" : esc(counts.toString());
    }

    private static String segment(Segment s) {
        return s == null ? "" : String.format(Locale.ROOT, "frames %d..%d (%d changed), stamps %.2f..%.2f s",
                s.firstSeq(), s.lastSeq(), s.changed(), s.firstStampNs() / 1e9, s.lastStampNs() / 1e9);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
