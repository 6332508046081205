package dev.triage.launch.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws the soak benchmark's samples as one self-contained SVG: RSS, threads, fds and answered share over time. */
final class SoakPlot {

    private SoakPlot() {
    }

    /** {@code rows}: the soak TSV (header first, '#' lines ignored). */
    static String svg(List<String> rows) {
        List<double[]> samples = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        for (String r : rows.subList(Math.min(1, rows.size()), rows.size())) {
            if (r.startsWith("#")) {
                continue;
            }
            String[] f = r.split("\t");
            samples.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
            if (f.length > 10 && f[10].contains("master_restart")) {
                restarts.add(Double.parseDouble(f[0]));
            }
        }
        String[] titles = {"RSS (MB)", "threads", "file descriptors", "answered share", "deadline misses / 10 s"};
        int w = 720;
        int h = 130;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "font-family='sans-serif' font-size='11'>", w, titles.length * h + 20));
        double tMax = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1)[0]);
        for (int p = 0; p < titles.length; p++) {
            int y0 = 10 + p * h;
            double max = p == 3 ? 1 : 1;
            for (double[] s : samples) {
                max = Math.max(max, s[p + 1]);
            }
            max *= p == 3 ? 1 : 1.1;
            b.append(String.format(Locale.ROOT, "<text x='60' y='%d'>%s (max %.0f)</text>", y0 + 12, titles[p],
                    p == 3 ? 1.0 : max / 1.1));
            b.append(String.format(Locale.ROOT, "<rect x='50' y='%d' width='%d' height='%d' fill='none' "
                    + "stroke='#999'/>", y0 + 18, w - 70, h - 40));
            for (double t : restarts) {
                double x = 50 + (w - 70) * t / tMax;
                b.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#d33' "
                        + "stroke-dasharray='3,3'/>", x, x, y0 + 18, y0 + h - 22));
            }
            StringBuilder pts = new StringBuilder();
            for (double[] s : samples) {
                double x = 50 + (w - 70) * s[0] / tMax;
                double y = y0 + h - 22 - (h - 40) * s[p + 1] / max;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append("<polyline fill='none' stroke='#246' stroke-width='1.5' points='").append(pts).append("'/>");
        }
        b.append(String.format(Locale.ROOT, "<text x='60' y='%d'>time (s, 0-%.0f); dashed red: rosmaster restarts"
                + "</text></svg>", titles.length * h + 15, tMax));
        return b.toString();
    }
}
