package dev.triage.launch.cli;

import java.nio.file.Path;

/** Where Triage is installed: {@code -Dtriage.home} (set by bin/triage), else the working directory. */
public final class Installation {
    private Installation() {
    }

    /** The installation folder, absolute and normalized. */
    public static Path home() {
        String home = System.getProperty("triage.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }
}
