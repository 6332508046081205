package dev.triage.datasets.labels;

import dev.triage.perception.core.BoundingBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code boxes.csv} ({@code filename,class,x1,y1,x2,y2}) and {@code boxes_projected.csv}
 * ({@code filename,class,x1,y1,x2,y2,depth_m,truncated_frac}); extra columns are ignored. {@code filename} is
 * relative to the csv's folder. In a recording's labels sidecar a {@code stamp} column (header row required) names
 * the frame by its header stamp instead ({@link FrameKeys}). The header row is optional; when present, its column names decide the order.
 * {@code truncated_frac}, when present, becomes {@link RawBox#truncated()}.
 */
public final class BoxesCsv {

    private BoxesCsv() {
    }

    /** Boxes by image path (resolved against the csv's folder, normalised) or stamp key, in file order. */
    public static Map<Path, List<RawBox>> read(Path csv) throws IOException {
        List<Csv.Row> rows = Csv.read(csv);
        Path folder = csv.toAbsolutePath().getParent();
        int[] col = {0, 1, 2, 3, 4, 5};
        int truncCol = -1;
        int first = 0;
        boolean stamped = false;
        List<String> h = rows.isEmpty() ? List.of()
                : rows.get(0).fields().stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        if (FrameKeys.keyColumn(h) >= 0) {
            stamped = !h.contains(FrameKeys.FILENAME);
            String[] names = {stamped ? FrameKeys.STAMP : FrameKeys.FILENAME, "class", "x1", "y1", "x2", "y2"};
            for (int i = 0; i < names.length; i++) {
                col[i] = h.indexOf(names[i]);
                if (col[i] < 0) {
                    throw LabelFormatException.at(csv, rows.get(0).line(), "header has no '" + names[i]
                            + "' column; expected filename,class,x1,y1,x2,y2");
                }
            }
            truncCol = h.indexOf("truncated_frac");
            first = 1;
        }
        int needed = 0;
        for (int c : col) {
            needed = Math.max(needed, c + 1);
        }
        Map<Path, List<RawBox>> out = new LinkedHashMap<>();
        for (int r = first; r < rows.size(); r++) {
            Csv.Row row = rows.get(r);
            int line = row.line();
            if (row.size() < needed) {
                throw LabelFormatException.at(csv, line, "expected " + needed
                        + " columns filename,class,x1,y1,x2,y2, got " + row.size());
            }
            double x1 = KittiLabels.number(csv, line, row.get(col[2]), "x1");
            double y1 = KittiLabels.number(csv, line, row.get(col[3]), "y1");
            double x2 = KittiLabels.number(csv, line, row.get(col[4]), "x2");
            double y2 = KittiLabels.number(csv, line, row.get(col[5]), "y2");
            if (x2 < x1 || y2 < y1) {
                throw LabelFormatException.at(csv, line, "box corners out of order: " + x1 + "," + y1 + "," + x2
                        + "," + y2);
            }
            double trunc = truncCol >= 0 && truncCol < row.size() && !row.get(truncCol).isEmpty()
                    ? KittiLabels.number(csv, line, row.get(truncCol), "truncated_frac") : 0;
            out.computeIfAbsent(FrameKeys.key(folder, stamped, csv, line, row.get(col[0])), k -> new ArrayList<>())
                    .add(new RawBox(row.get(col[1]), new BoundingBox(x1, y1, x2, y2), trunc, 0, line));
        }
        return out;
    }
}
