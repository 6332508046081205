package dev.triage.launch.cli;

/** Prints the one-line error of a failed command and gives its exit code. */
final class CliErrors {
    /** Exit code for bad arguments, configuration, models or sources. */
    static final int USAGE = 2;

    private CliErrors() {
    }

    static int fail(String message) {
        System.err.println("triage: " + message);
        return USAGE;
    }
}
