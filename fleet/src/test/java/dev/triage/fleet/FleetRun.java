package dev.triage.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.fleet.cli.FleetCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs {@code triage fleet} in this JVM (the Spark driver is the test JVM) and reads its summary.
 *
 * @param exitCode the command's exit code
 * @param stderr   what it printed on stderr
 * @param summary  {@code fleet_summary.json}, or null when it was not written
 */
record FleetRun(int exitCode, String stderr, JsonNode summary) {

    /** Runs the command with {@code args}; the summary is read from the local folder {@code out}. */
    static FleetRun run(Path out, String... args) throws Exception {
        Path summary = out.resolve("fleet_summary.json");
        return run(() -> summary.toFile().isFile() ? new ObjectMapper().readTree(summary.toFile()) : null, args);
    }

    /** Runs the command with {@code args}; {@code summary} reads the summary it wrote (null when none). */
    static synchronized FleetRun run(Callable<JsonNode> summary, String... args) throws Exception {
        System.setProperty("triage.home", TestDrives.REPO.toString());
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(new PrintStream(new TeeStream(oldErr, capture), true, StandardCharsets.UTF_8));
            code = new CommandLine(new FleetCommand()).execute(args);
        } finally {
            System.setErr(oldErr);
        }
        return new FleetRun(code, err.toString(StandardCharsets.UTF_8), summary.call());
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
