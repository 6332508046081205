package dev.triage.ros2.dds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the C peers of {@code src/test/c} against Debian's libddsc with idlc-generated types (skips the test with
 * a reason when idlc or gcc are missing: scripts/install-deps.sh installs them).
 */
public final class CPeer {

    private CPeer() {
    }

    static Path cDir() {
        return Ros2TestSupport.ros2Dir().resolve("src/test/c");
    }

    /** The IDL of the shipped types, which {@code TopicType} lays out too (a resource of the main jar). */
    public static Path idl() {
        return Ros2TestSupport.ros2Dir().resolve("src/main/resources/dds/ros2_types.idl");
    }

    /** Skips the calling test unless idlc, gcc and Cyclone's headers are installed. */
    public static void assumeTools() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/idlc")), "idlc missing (Debian cyclonedds-tools)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc missing");
        assumeTrue(Files.isRegularFile(Path.of("/usr/include/dds/dds.h")), "cyclonedds-dev missing");
    }

    /** Runs idlc on the IDL and compiles {@code source} (a file of src/test/c) with the generated types. */
    public static Path build(Path dir, String source) throws IOException, InterruptedException {
        assumeTools();
        Path idl = idl();
        run(dir, "/usr/bin/idlc", idl.toString());
        Path exe = dir.resolve(source.replace(".c", ""));
        List<String> gcc = new ArrayList<>(List.of("/usr/bin/gcc", "-O1", "-Wall", "-I" + dir, "-o", exe.toString(),
                cDir().resolve(source).toString()));
        if (!source.equals("dump_ops.c")) {
            gcc.add(dir.resolve("ros2_types.c").toString());
        }
        gcc.add("-lddsc");
        run(dir, gcc.toArray(String[]::new));
        return exe;
    }

    /** Runs a command to completion in {@code dir}; returns its stdout; fails on a non-zero exit. */
    public static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + new String(out));
        }
        return new String(out);
    }
}
