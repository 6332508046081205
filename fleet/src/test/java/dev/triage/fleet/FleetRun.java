package dev.triage.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.fleet.cli.FleetCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs {@code triage fleet} in this JVM (the Spark driver is the test JVM) and reads its summary.
 *
 * @param exitCode the command's exit code
 * @param stderr   what it printed on stderr
 * @param summary  {@code fleet_summary.json}, or null when it was not written
 */
record FleetRun(int exitCode, String stderr, JsonNode summary) {

    static synchronized FleetRun run(Path out, String... args) throws Exception {
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
        Path summary = out.resolve("fleet_summary.json");
        return new FleetRun(code, err.toString(StandardCharsets.UTF_8),
                summary.toFile().isFile() ? new ObjectMapper().readTree(summary.toFile()) : null);
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
