package dev.triage.launch.output;

import dev.triage.perception.render.ScenePalette;

import java.util.List;

import static dev.triage.launch.output.HtmlFormat.esc;
import static dev.triage.launch.output.HtmlFormat.fmt;
import static dev.triage.launch.output.HtmlFormat.swatch;

/**
 * The report's gate timeline as inline SVG: the decided scene, the true scene (when labelled), drops, failures and
 * deadline misses, and each scene's raw and smoothed probability in its {@link ScenePalette} colour, one column per
 * frame or per group of frames (majority scene, any event) when the drive is longer than the chart is wide.
 */
final class TimelineSvg {
    static final String DROPPED = "#a8a8a8";
    static final String FAILED = "#c00000";
    static final String MISSED = "#ff8c00";
    private static final int TIMELINE_WIDTH = 1000;
    private static final int LABEL_WIDTH = 110;

    private TimelineSvg() {
    }

    /** Appends the section (heading, chart and legend) for the frames of {@code f}. */
    static void write(StringBuilder h, ReportCollector f) {
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

    private static void label(StringBuilder h, double y, String text) {
        h.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(fmt(y + 4))
                .append("\" class=\"label\" text-anchor=\"end\">").append(esc(text)).append("</text>\n");
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
}
