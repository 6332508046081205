package dev.triage.launch.cli;

import java.nio.file.Path;

/** Where Triage is installed: {@code -Dtriage.home} (set by bin/triage), else the working directory. */
final class Installation {
    private Installation() {
    }

    static Path home() {
        String home = System.getProperty("triage.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }
}
