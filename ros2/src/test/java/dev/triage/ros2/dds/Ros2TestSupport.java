package dev.triage.ros2.dds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Test guards: loopback config present, and a domain id of its own for each test JVM. */
public final class Ros2TestSupport {
    private Ros2TestSupport() {
    }

    /** Fails (not skips) unless CYCLONEDDS_URI names a config: Cyclone must never choose the real interface. */
    public static void requireLoopbackConfig() {
        String uri = System.getenv("CYCLONEDDS_URI");
        if (uri == null || !uri.contains("loopback")) {
            throw new IllegalStateException("CYCLONEDDS_URI must name the loopback config, was " + uri);
        }
    }

    /**
     * The ros2 module's directory (its loopback configs and test sources), from the {@code triage.repo.root} that
     * the parent pom passes to every test JVM, else from the working directory (ros2 itself or the repo root).
     */
    public static Path ros2Dir() {
        String root = System.getProperty("triage.repo.root");
        if (root != null) {
            return Path.of(root).toAbsolutePath().normalize().resolve("ros2");
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("cyclonedds-loopback.xml")) ? here : here.resolve("ros2");
    }

    /** A random domain in 100..199 so that parallel test runs on this host do not see each other. */
    public static int testDomain() {
        return 100 + ThreadLocalRandom.current().nextInt(100);
    }
}
