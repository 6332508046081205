package dev.triage.ros2.dds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The second DDS vendor of the tests: {@code src/test/cpp/fastdds_peer.cpp} built against Debian's eProsima
 * Fast DDS 2.9 ({@code libfastrtps-dev}) with types that {@code fastddsgen} generates from the same IDL as the C
 * peer's. Built once per JVM in a temporary directory (fastddsgen and g++ take about 15 s here); the test is
 * skipped with a reason when the packages are missing ({@code scripts/install-deps.sh} installs them). The peer
 * runs only with {@code fastdds-loopback.xml} (UDPv4 on 127.0.0.1, no shared memory, no multicast).
 */
public final class FastDdsPeer {

    private static Path executable;

    private FastDdsPeer() {
    }

    /** Skips the calling test unless fastddsgen, g++ and Fast DDS's headers and library are installed. */
    public static void assumeTools() {
        String reason = "Fast DDS missing (scripts/install-deps.sh installs libfastrtps-dev and fastddsgen): ";
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fastddsgen")), reason + "no /usr/bin/fastddsgen");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/g++")), reason + "no /usr/bin/g++");
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/fastdds/dds/domain/DomainParticipantFactory.hpp")),
                reason + "no Fast DDS headers");
    }

    /** The peer's executable, generated and compiled on the first call of this JVM. */
    public static synchronized Path executable() throws IOException, InterruptedException {
        assumeTools();
        if (executable == null) {
            Path dir = Files.createTempDirectory("triage-fastdds-peer");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            long start = System.nanoTime();
            CPeer.run(dir, "/usr/bin/fastddsgen", "-replace", "-d", dir.toString(),
                    CPeer.idl().toString());
            Path exe = dir.resolve("fastdds_peer");
            CPeer.run(dir, "/usr/bin/g++", "-O1", "-std=c++17", "-Wall", "-I" + dir, "-o", exe.toString(),
                    Ros2TestSupport.ros2Dir().resolve("src/test/cpp/fastdds_peer.cpp").toString(),
                    dir.resolve("ros2_types.cxx").toString(), dir.resolve("ros2_typesPubSubTypes.cxx").toString(),
                    "-lfastrtps", "-lfastcdr");
            System.out.printf("Fast DDS peer generated and built in %.1f s%n", (System.nanoTime() - start) / 1e9);
            executable = exe;
        }
        return executable;
    }

    /** The profile file that keeps the peer on loopback. */
    public static Path loopbackProfile() {
        return Ros2TestSupport.ros2Dir().resolve("fastdds-loopback.xml");
    }

    /** The peer's environment: the loopback profile and the DDS domain. */
    public static Map<String, String> environment(int domain) {
        return Map.of("FASTRTPS_DEFAULT_PROFILES_FILE", loopbackProfile().toString(),
                "ROS_DOMAIN_ID", Integer.toString(domain));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing else to do at JVM exit
        }
    }
}
