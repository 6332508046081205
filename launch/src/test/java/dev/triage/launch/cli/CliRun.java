package dev.triage.launch.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real CLI in-process (or in a fresh JVM with the test's classpath) and captures its exit code and output;
 * the install home is the repo root.
 */
record CliRun(int exitCode, String stdout, String stderr) {

    static Path repoRoot() {
        return Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
    }

    static boolean modelsShipped() {
        Path models = repoRoot().resolve("models");
        return Files.isRegularFile(models.resolve("gate.pt")) && Files.isRegularFile(models.resolve("urban.pt"))
                && Files.isRegularFile(models.resolve("highway.pt"));
    }

    /**
     * Runs the CLI in a new JVM, as bin/triage does (same classpath and DJL flags as this test JVM; the environment,
     * with DJL_OFFLINE and OPT_OUT_TRACKING, is inherited). stdout and stderr go to {@code log}; both fields hold it.
     */
    static CliRun runInFreshJvm(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xss4m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.graph_optimizer=false",
                "-Dtriage.home=" + repoRoot(), "-cp", System.getProperty("java.class.path"),
                TriageCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int code = process.waitFor();
            String output = Files.readString(log);
            return new CliRun(code, output, output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running triage " + String.join(" ", args), e);
        }
    }

    static synchronized CliRun run(String... args) {
        System.setProperty("triage.home", repoRoot().toString());
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new TriageCli()).execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
