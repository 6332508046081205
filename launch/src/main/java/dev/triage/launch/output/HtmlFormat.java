package dev.triage.launch.output;

import java.util.Locale;

/** Escaping, number formats and the small HTML pieces (cards, count rows, colour swatches) the report's parts share. */
final class HtmlFormat {

    private HtmlFormat() {
    }

    static void swatch(StringBuilder h, String colour, String text) {
        h.append("<span class=\"sw\" style=\"background:").append(colour).append("\"></span>").append(esc(text))
                .append(" &nbsp; ");
    }

    static void card(StringBuilder h, String name, String value) {
        h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"k\">")
                .append(esc(name)).append("</div></div>");
    }

    static void countRow(StringBuilder h, String what, long count, long of) {
        h.append("<tr><td>").append(esc(what)).append("</td><td class=\"num\">").append(count)
                .append("</td><td class=\"num\">").append(of == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%",
                        100.0 * count / of)).append("</td></tr>");
    }

    static String pct(long part, long of) {
        return of == 0 || part == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * part / of);
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

    static String fmt3(double v) {
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
}
