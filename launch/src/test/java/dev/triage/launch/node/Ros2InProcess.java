package dev.triage.launch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Set-up shared by the tests that start the ROS 2 node in-process against Java DDS peers. */
final class Ros2InProcess {
    private Ros2InProcess() {
    }

    /**
     * Skips without Cyclone DDS, fails unless the loopback-only configuration is in force (surefire sets it), and
     * returns the repository root.
     */
    static Path requireCycloneOnLoopback() {
        String uri = System.getenv("CYCLONEDDS_URI");
        assertTrue(uri != null && uri.contains("loopback"), "CYCLONEDDS_URI must name the loopback config: " + uri);
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/dds/dds.h")),
                "Cyclone DDS missing (scripts/install-deps.sh installs cyclonedds-dev)");
        return Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** {@code --ros-args} followed by {@code rosArgs}, plus the test models' config where the shipped ones are missing. */
    static List<String> nodeArgs(Path tmp, Path repo, String... rosArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--ros-args"));
        args.addAll(List.of(rosArgs));
        RosNodeIntegrationTest.modelConfig(tmp, repo).ifPresent(c -> args.addAll(List.of("-p", "config:=" + c)));
        return args;
    }
}
