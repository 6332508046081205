package dev.triage.datasets.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.perception.core.LaneRows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads TuSimple lane labels: JSON lines {@code {"lanes": [[x, ...], ...], "h_samples": [y, ...], "raw_file": "..."}}.
 * Every lane has one x per {@code h_samples} row, {@code -2} (any negative) where the lane does not cross the row.
 * {@code raw_file} is relative to the JSON file's folder; in a recording's labels sidecar a {@code stamp} field (the
 * frame's header stamp as a string or an integer of nanoseconds, see {@link FrameKeys}) stands in its place. Blank lines are skipped; anything else that is not such an
 * object is an error naming the file and line.
 */
public final class TuSimpleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?line: \\d+, column: (\\d+)\\]");

    /**
     * One labelled frame.
     *
     * @param file    the image, resolved against the JSON file's folder and normalised; for a {@code stamp}, its
     *                {@link FrameKeys#stampPath(long) key path}
     * @param rawFile {@code raw_file} (or {@code stamp}) as written
     * @param lanes   the lanes in TuSimple rows (negative x normalised to {@link LaneRows#ABSENT})
     * @param line    1-based line in the JSON file
     */
    public record Label(Path file, String rawFile, LaneRows lanes, int line) {
    }

    private TuSimpleJson() {
    }

    /**
     * Whether {@code file} is meant as TuSimple JSON lines: its first non-blank line names any of "lanes",
     * "h_samples" or "raw_file". Lenient on purpose: a damaged first line is then read, and refused naming the file
     * and line, instead of the file being passed over as some other JSON and its lanes lost without a word.
     */
    public static boolean looksLikeTuSimple(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).findFirst()
                    .map(l -> l.contains("\"lanes\"") || l.contains("\"h_samples\"") || l.contains("\"raw_file\""))
                    .orElse(false);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Reads every line of {@code file}. */
    public static List<Label> read(Path file) throws IOException {
        List<String> lines = Utf8Text.lines(file);
        Path folder = file.toAbsolutePath().getParent();
        List<Label> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            out.add(parse(file, folder, i + 1, text));
        }
        return out;
    }

    private static Label parse(Path file, Path folder, int line, String text) throws LabelFormatException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson names positions as "[Source: REDACTED (...); line: 1, column: 187]": the column is what counts
            throw LabelFormatException.at(file, line, "not valid JSON: "
                    + JACKSON_LOCATION.matcher(e.getOriginalMessage()).replaceAll("column $1"));
        }
        if (node == null || !node.isObject()) {
            throw LabelFormatException.at(file, line, "expected a JSON object with lanes, h_samples, raw_file");
        }
        JsonNode stamp = node.get(FrameKeys.STAMP);
        boolean stamped = stamp != null && !node.has("raw_file");
        JsonNode raw = stamped ? stamp : node.get("raw_file");
        JsonNode hs = node.get("h_samples");
        JsonNode lanes = node.get("lanes");
        if (stamped ? !raw.isTextual() && !raw.isIntegralNumber()
                : raw == null || !raw.isTextual() || raw.asText().isBlank()) {
            throw LabelFormatException.at(file, line, stamped ? "'stamp' must be a string or an integer"
                    : "missing or empty 'raw_file' (or 'stamp')");
        }
        if (hs == null || !hs.isArray() || hs.isEmpty()) {
            throw LabelFormatException.at(file, line, "missing or empty 'h_samples' array");
        }
        if (lanes == null || !lanes.isArray()) {
            throw LabelFormatException.at(file, line, "missing 'lanes' array");
        }
        List<Integer> rows = new ArrayList<>();
        for (JsonNode h : hs) {
            if (!h.isNumber()) {
                throw LabelFormatException.at(file, line, "h_samples holds a non-number: " + h);
            }
            int y = (int) Math.round(h.asDouble());
            if (!rows.isEmpty() && y <= rows.get(rows.size() - 1)) {
                throw LabelFormatException.at(file, line, "h_samples must increase: " + y + " after "
                        + rows.get(rows.size() - 1));
            }
            rows.add(y);
        }
        List<List<Double>> xs = new ArrayList<>();
        int index = 0;
        for (JsonNode lane : lanes) {
            if (!lane.isArray() || lane.size() != rows.size()) {
                throw LabelFormatException.at(file, line, "lane " + index + " has "
                        + (lane.isArray() ? lane.size() : 0) + " x values for " + rows.size() + " h_samples");
            }
            List<Double> laneXs = new ArrayList<>();
            for (JsonNode x : lane) {
                if (!x.isNumber()) {
                    throw LabelFormatException.at(file, line, "lane " + index + " holds a non-number: " + x);
                }
                double v = x.asDouble();
                laneXs.add(v < 0 ? LaneRows.ABSENT : v);
            }
            xs.add(laneXs);
            index++;
        }
        String rawFile = raw.asText().trim();
        return new Label(FrameKeys.key(folder, stamped, file, line, rawFile), rawFile, new LaneRows(rows, xs), line);
    }
}
