package dev.triage.datasets.labels;

import dev.triage.perception.core.BoundingBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one KITTI {@code label_2} file (one object per line, whitespace-separated:
 * {@code type truncated occluded alpha x1 y1 x2 y2 h w l x y z ry [score]}). Only type, truncation, occlusion and the
 * 2D box are used. Blank lines are skipped; a line with fewer than 8 fields, a non-number or a box with
 * {@code x2 < x1} or {@code y2 < y1} is an error naming the file and line.
 */
public final class KittiLabels {

    private KittiLabels() {
    }

    /** Reads {@code file}. */
    public static List<RawBox> read(Path file) throws IOException {
        List<String> lines = Utf8Text.lines(file);
        List<RawBox> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split("\\s+");
            int line = i + 1;
            if (f.length < 8) {
                throw LabelFormatException.at(file, line, "expected at least 8 fields "
                        + "(type truncated occluded alpha x1 y1 x2 y2 ...), got " + f.length);
            }
            double trunc = number(file, line, f[1], "truncated");
            double occ = number(file, line, f[2], "occluded");
            double x1 = number(file, line, f[4], "x1");
            double y1 = number(file, line, f[5], "y1");
            double x2 = number(file, line, f[6], "x2");
            double y2 = number(file, line, f[7], "y2");
            if (x2 < x1 || y2 < y1) {
                throw LabelFormatException.at(file, line, "box corners out of order: " + x1 + "," + y1 + "," + x2
                        + "," + y2);
            }
            out.add(new RawBox(f[0], new BoundingBox(x1, y1, x2, y2), trunc, (int) Math.round(occ), line));
        }
        return out;
    }

    static double number(Path file, int line, String text, String what) throws LabelFormatException {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw LabelFormatException.at(file, line, what + " '" + text + "' is not a number");
        }
    }
}
