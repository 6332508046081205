package dev.triage.datasets.labels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a dataset's {@code labels.csv}: {@code filename,scene,source}, one row per frame, {@code filename} relative to
 * the csv's folder; or a recording's labels sidecar, {@code stamp,scene,source}, where a header row naming the
 * {@code stamp} column is required and the frame is named by its header stamp ({@link FrameKeys}). Fields may be quoted (the {@code source} column often holds commas). The header row is optional;
 * when present its column names decide the order. {@code scene} is a scene name such as {@code urban},
 * {@code highway} or {@code night} (any case, read in lower case: a letter, then letters, digits or {@code _}), or
 * empty for "not labelled"; anything else is an error naming the file and line. Whether the gate knows the name is
 * the evaluation's business: a scene the gate does not know is simply never decided.
 */
public final class LabelsCsv {
    private static final Pattern SCENE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /**
     * One frame.
     *
     * @param file     the image, resolved against the csv's folder and normalised; for a stamp, its
     *                 {@link FrameKeys#stampPath(long) key path}
     * @param filename the filename (or stamp) as written
     * @param scene    the labelled scene, if any
     * @param source   where the frame came from (free text; may be empty)
     * @param line     1-based line in the csv
     */
    public record Entry(Path file, String filename, Optional<String> scene, String source, int line) {
        /** Whether this row names its frame by header stamp (a recording's sidecar). */
        public boolean stamped() {
            return FrameKeys.isStamp(file);
        }
    }

    private LabelsCsv() {
    }

    /** Reads {@code csv}. */
    public static List<Entry> read(Path csv) throws IOException {
        List<Csv.Row> rows = Csv.read(csv);
        Path folder = csv.toAbsolutePath().getParent();
        int fileCol = 0;
        int sceneCol = 1;
        int sourceCol = 2;
        int first = 0;
        boolean stamped = false;
        List<String> header = rows.isEmpty() ? List.of()
                : rows.get(0).fields().stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        if (FrameKeys.keyColumn(header) >= 0) {
            fileCol = FrameKeys.keyColumn(header);
            stamped = !header.contains(FrameKeys.FILENAME);
            sceneCol = header.indexOf("scene");
            sourceCol = header.indexOf("source");
            if (sceneCol < 0) {
                throw LabelFormatException.at(csv, rows.get(0).line(), "header has no 'scene' column; expected "
                        + "filename,scene,source (or stamp,scene,source)");
            }
            first = 1;
        }
        List<Entry> out = new ArrayList<>();
        for (int r = first; r < rows.size(); r++) {
            Csv.Row row = rows.get(r);
            if (row.size() <= Math.max(fileCol, sceneCol)) {
                throw LabelFormatException.at(csv, row.line(), "expected columns filename,scene,source, got "
                        + row.size() + " field(s)");
            }
            String filename = row.get(fileCol);
            Path file = FrameKeys.key(folder, stamped, csv, row.line(), filename);
            String sceneText = row.get(sceneCol);
            String sceneName = sceneText.trim().toLowerCase(Locale.ROOT);
            if (!sceneName.isEmpty() && !SCENE.matcher(sceneName).matches()) {
                throw LabelFormatException.at(csv, row.line(), "scene '" + sceneText
                        + "' is not a scene name (a letter, then letters, digits or _), e.g. urban or highway");
            }
            Optional<String> scene = sceneName.isEmpty() ? Optional.empty() : Optional.of(sceneName);
            String source = sourceCol >= 0 && sourceCol < row.size() ? row.get(sourceCol) : "";
            out.add(new Entry(file, filename, scene, source, row.line()));
        }
        return out;
    }
}
