package dev.triage.datasets.labels;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A label file that cannot be read as its format requires. The message names the file and, where it applies, the
 * 1-based line: {@code boxes.csv:7: expected 6 columns filename,class,x1,y1,x2,y2, got 4}.
 */
public final class LabelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public LabelFormatException(String message) {
        super(message);
    }

    public LabelFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem on one line of {@code file}. */
    public static LabelFormatException at(Path file, int line, String problem) {
        return new LabelFormatException(file + ":" + line + ": " + problem);
    }
}
