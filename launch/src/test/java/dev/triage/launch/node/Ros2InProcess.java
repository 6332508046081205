package dev.triage.launch.node;

import dev.triage.launch.wiring.Ros2Args;
import dev.triage.launch.wiring.Ros2NodeLauncher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Set-up shared by the tests that start the ROS 2 node in-process against Java DDS peers. */
final class Ros2InProcess {
    private Ros2InProcess() {
    }

    /** Skips without Cyclone DDS, fails unless the loopback-only configuration is in force (surefire sets it). */
    static void requireCycloneOnLoopback() {
        String uri = System.getenv("CYCLONEDDS_URI");
        assertTrue(uri != null && uri.contains("loopback"), "CYCLONEDDS_URI must name the loopback config: " + uri);
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/dds/dds.h")),
                "Cyclone DDS missing (scripts/install-deps.sh installs cyclonedds-dev)");
    }

    /**
     * A random DDS domain id in {@code [first, first + count)}: each test class has its own range, and two runs on one
     * host rarely meet.
     */
    static int domainIn(int first, int count) {
        return first + ThreadLocalRandom.current().nextInt(count);
    }

    /** The repository root: surefire's {@code triage.repo.root}, else the parent of the working directory. */
    static Path repoRoot() {
        return Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts the ROS 2 node in this JVM on DDS domain {@code domain} with {@code --ros-args} followed by
     * {@code rosArgs}, plus the test models' config (written under {@code tmp}) where the shipped ones are missing.
     */
    static Ros2NodeLauncher.Running start(Path tmp, int domain, String... rosArgs) throws Exception {
        Path repo = repoRoot();
        List<String> args = new ArrayList<>(List.of("--ros-args"));
        args.addAll(List.of(rosArgs));
        RosNodeIntegrationTest.modelConfig(tmp, repo).ifPresent(c -> args.addAll(List.of("-p", "config:=" + c)));
        return Ros2NodeLauncher.start(Ros2Args.parse(args, "triage", Map.of("ROS_DOMAIN_ID", "" + domain)),
                Optional.empty(), repo);
    }
}
