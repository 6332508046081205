package dev.triage.launch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every bad input ends the run with exit code 2 and one line that names the input and the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliRun run, String... fragments) {
        assertEquals(2, run.exitCode(), run.stderr());
        String line = run.stderr().strip();
        assertTrue(line.lines().count() >= 1 && line.startsWith("triage: "), line);
        String first = line.lines().filter(l -> l.startsWith("triage: ")).findFirst().orElseThrow();
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + f + "' not in: " + first);
        }
    }

    @Test
    void nonexistentSource() {
        assertOneLineError(CliRun.run("replay", "/no/such/drive.mp4", "--out", dir.toString()), "/no/such/drive.mp4",
                "no such file");
    }

    @Test
    void badSyntheticSpec() {
        assertOneLineError(CliRun.run("replay", "synthetic:seed=x", "--out", dir.toString()), "synthetic:seed=x", "seed");
    }

    @Test
    void invalidConfig() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "budget_ms: 0\n");
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--config", config.toString()), "bad.yaml",
                "budget_ms", "[1, 1000]");
    }

    @Test
    void enterThresholdWithinTheSpeedPriorsReach() throws Exception {
        Path config = dir.resolve("enter.yaml");
        Files.writeString(config, "gate:\n  enter_threshold: 0.55\n");
        CliRun run = CliRun.run("replay", "--out", dir.toString(), "--config", config.toString());
        assertOneLineError(run, "enter.yaml", "gate.enter_threshold", "0.55");
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
    }

    @Test
    void missingModelFile() throws Exception {
        Path config = dir.resolve("missing.yaml");
        Files.writeString(config, "gate:\n  model: " + dir.resolve("nothing.pt") + "\n");
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--config", config.toString()), "nothing.pt");
    }

    @Test
    void corruptModelFile() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "needs the shipped models for the other two networks");
        Path broken = dir.resolve("broken.pt");
        Files.write(broken, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.copy(CliRun.repoRoot().resolve("models/gate.json"), dir.resolve("broken.json"));
        Path config = dir.resolve("corrupt.yaml");
        Files.writeString(config, "gate:\n  model: " + broken + "\n");
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--config", config.toString()), "broken.pt");
    }

    @Test
    void badBudgetOnTheCommandLine() {
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--budget-ms", "0"), "--budget-ms", "[1, 1000]");
    }
}
