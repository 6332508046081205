package dev.triage.datasets.labels;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a label file names its frame. Image folders name it by {@code filename} (relative to the label file's folder);
 * the labels sidecar of a recording names it by {@code stamp}, the frame's header stamp (what {@code replay} writes as
 * {@code stamp_ns}), written either as integer nanoseconds ({@code 1700000000100000000}) or as seconds with up to nine
 * decimals ({@code 1700000000.1}, {@code 1700000000.100000000}). Every reader turns a stamp into the same key path
 * ({@link #stampPath(long)}), so labels from {@code labels.csv}, {@code boxes.csv}, KITTI {@code label_2} and
 * TuSimple JSON meet on one frame whatever folder each file lies in.
 */
public final class FrameKeys {
    /** The column (CSV) or field (TuSimple JSON) that names a frame by its header stamp. */
    public static final String STAMP = "stamp";
    /** The column (CSV) that names a frame by its image file. */
    public static final String FILENAME = "filename";
    private static final String STAMP_FOLDER = "@stamp";
    private static final Pattern STAMP_TEXT = Pattern.compile("(\\d{1,19})(?:\\.(\\d{1,9}))?");

    private FrameKeys() {
    }

    /** The key path of the frame stamped {@code stampNanos}: relative, so it never names a real file. */
    public static Path stampPath(long stampNanos) {
        return Path.of(STAMP_FOLDER, Long.toString(stampNanos));
    }

    /** Whether {@code key} is a {@link #stampPath(long) stamp key}. */
    public static boolean isStamp(Path key) {
        return !key.isAbsolute() && key.getNameCount() == 2 && key.getName(0).toString().equals(STAMP_FOLDER);
    }

    /** The stamp of a {@link #stampPath(long) stamp key}. */
    public static long stampOf(Path key) {
        return Long.parseLong(key.getFileName().toString());
    }

    /**
     * Parses a stamp: integer nanoseconds, or seconds with up to nine decimals.
     *
     * @throws LabelFormatException naming {@code file} and {@code line} when {@code text} is neither
     */
    public static long parseStamp(Path file, int line, String text) throws LabelFormatException {
        Matcher m = STAMP_TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw LabelFormatException.at(file, line, "stamp '" + text + "' is not a header stamp (integer "
                    + "nanoseconds, or seconds with up to 9 decimals, e.g. 1700000000.100000000)");
        }
        try {
            if (m.group(2) == null) {
                return Long.parseLong(m.group(1));
            }
            String nanos = (m.group(2) + "000000000").substring(0, 9);
            return Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L),
                    Long.parseLong(nanos));
        } catch (ArithmeticException | NumberFormatException e) {
            throw LabelFormatException.at(file, line, "stamp '" + text + "' is out of range");
        }
    }

    /**
     * The frame key of one row: {@code folder/text} for a {@code filename} column, which must stay inside
     * {@code folder} (no {@code ../} out of it, no absolute path), the {@link #stampPath(long) stamp key} for a
     * {@code stamp} column.
     */
    static Path key(Path folder, boolean stamped, Path file, int line, String text) throws LabelFormatException {
        if (text.isEmpty()) {
            throw LabelFormatException.at(file, line, "empty " + (stamped ? STAMP : FILENAME));
        }
        if (stamped) {
            return stampPath(parseStamp(file, line, text));
        }
        Path resolved = folder.resolve(text).normalize();
        if (!resolved.toAbsolutePath().startsWith(folder.toAbsolutePath().normalize())) {
            throw LabelFormatException.at(file, line, "'" + text + "' is outside " + folder + "; a label file names "
                    + "images by paths inside its own folder");
        }
        return resolved;
    }

    /**
     * The column that names the frame in a header row: {@code filename}, else {@code stamp}; -1 when there is neither
     * (a CSV without a header row).
     */
    static int keyColumn(List<String> header) {
        int filename = header.indexOf(FILENAME);
        return filename >= 0 ? filename : header.indexOf(STAMP);
    }
}
