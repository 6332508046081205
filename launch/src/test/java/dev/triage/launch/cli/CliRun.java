package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Runs {@code triage replay SOURCE --out OUT --budget-ms 1000 EXTRA...}, which must exit 0, and returns the
     * objects of its detections.jsonl, one per frame.
     */
    static List<JsonNode> replayResults(Path out, String source, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", source, "--out", out.toString(), "--budget-ms",
                "1000"));
        args.addAll(List.of(extra));
        CliRun run = run(args.toArray(String[]::new));
        if (run.exitCode() != 0) {
            throw new AssertionError("replay " + source + " exited " + run.exitCode() + ": " + run.stderr());
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("detections.jsonl"))) {
            lines.add(json.readTree(line));
        }
        return lines;
    }
}
