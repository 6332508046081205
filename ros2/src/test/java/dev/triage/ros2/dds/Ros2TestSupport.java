package dev.triage.ros2.dds;

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

    /** A random domain in 100..199 so that parallel test runs on this host do not see each other. */
    public static int testDomain() {
        return 100 + ThreadLocalRandom.current().nextInt(100);
    }
}
