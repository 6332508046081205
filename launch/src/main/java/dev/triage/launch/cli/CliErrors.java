package dev.triage.launch.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Prints the one-line error of a failed command and gives its exit code (also for {@code triage fleet}). */
public final class CliErrors {
    /** Exit code for bad arguments, configuration, models or sources. */
    public static final int USAGE = 2;

    private CliErrors() {
    }

    /**
     * The message of a failed read that names the file and says why: the JDK's own message of a missing file or a
     * folder where a file was expected is the bare path, or the reason without the path.
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return e.getMessage();
    }

    /** Prints {@code triage: message} on stderr; returns {@link #USAGE}. */
    public static int fail(String message) {
        System.err.println("triage: " + message);
        return USAGE;
    }
}
