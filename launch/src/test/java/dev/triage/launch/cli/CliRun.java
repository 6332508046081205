package dev.triage.launch.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the real CLI in-process and captures its exit code and output;
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

    static synchronized CliRun run(String... args) {
        System.setProperty("triage.home", repoRoot().toString());
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = TriageCli.commandLine().execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
