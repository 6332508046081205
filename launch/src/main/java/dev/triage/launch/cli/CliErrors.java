package dev.triage.launch.cli;

/** Prints the one-line error of a failed command and gives its exit code (also for {@code triage fleet}). */
public final class CliErrors {
    /** Exit code for bad arguments, configuration, models or sources. */
    public static final int USAGE = 2;

    private CliErrors() {
    }

    /** Prints {@code triage: message} on stderr; returns {@link #USAGE}. */
    public static int fail(String message) {
        System.err.println("triage: " + message);
        return USAGE;
    }
}
