package dev.triage.datasets.labels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks and doubled
 * quotes ({@code ""}). A UTF-8 byte-order mark is skipped, CRLF and LF both end a record, blank lines are skipped.
 */
public final class Csv {

    /**
     * One record.
     *
     * @param line   1-based line number where the record starts
     * @param fields the fields, unquoted
     */
    public record Row(int line, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }

        /** Field {@code i}, trimmed. */
        public String get(int i) {
            return fields.get(i).trim();
        }

        public int size() {
            return fields.size();
        }
    }

    private Csv() {
    }

    /** Reads every record of {@code file}. */
    public static List<Row> read(Path file) throws IOException {
        return parse(file, Utf8Text.read(file));
    }

    /** Parses {@code text}; {@code file} only names the source in errors. */
    public static List<Row> parse(Path file, String text) throws LabelFormatException {
        List<Row> rows = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            boolean any = false;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (c == '"' && field.toString().isBlank()) {
                    field.setLength(0);
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = text.charAt(i);
                        if (q == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (q == '\n') {
                            line++;
                        }
                        field.append(q);
                        i++;
                    }
                    if (!closed) {
                        throw LabelFormatException.at(file, start, "unterminated quoted field");
                    }
                    // anything between the closing quote and the next separator must be blank
                    while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        if (!Character.isWhitespace(text.charAt(i))) {
                            throw LabelFormatException.at(file, line, "unexpected '" + text.charAt(i)
                                    + "' after a closing quote");
                        }
                        i++;
                    }
                    any = true;
                    continue;
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    i++;
                    line++;
                    endOfRecord = true;
                } else {
                    field.append(c);
                    any = true;
                    i++;
                }
            }
            if (any || field.length() > 0) {
                fields.add(field.toString());
            }
            boolean blank = fields.stream().allMatch(String::isBlank);
            if (!blank) {
                rows.add(new Row(start, fields));
            }
        }
        return rows;
    }
}
