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
        assertEquals(1, line.lines().filter(l -> l.startsWith("triage: ")).count(), line); // after any log lines
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
    void badBudgetOnTheCommandLine() throws Exception {
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--budget-ms", "0"), "--budget-ms", "[1, 1000]");
        Path dataset = Files.createDirectories(dir.resolve("dataset"));
        Files.writeString(dataset.resolve("labels.csv"), "filename,scene,source\n");
        for (String notFinite : new String[] {"NaN", "Infinity"}) {
            assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--budget-ms", notFinite), "--budget-ms",
                    "budget_ms", notFinite);
            assertOneLineError(CliRun.run("eval", dataset.toString(), "--out", dir.resolve("eval").toString(),
                    "--budget-ms", notFinite), "--budget-ms", "budget_ms");
        }
    }

    @Test
    void outputThatIsNotAWritableFolderIsNamedBeforeAnyModelLoads() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertOneLineError(CliRun.run("replay", "--out", file.toString(), "--frames", "1"), "--out " + file,
                "exists and is not a folder");
        assertOneLineError(CliRun.run("replay", "--out", file.resolve("sub").toString(), "--frames", "1"),
                "--out " + file.resolve("sub"), "cannot create or write the folder");
        assertOneLineError(CliRun.run("eval", dataset().toString(), "--out", file.toString()), "--out " + file);
    }

    /** A labelled dataset of one frame (its image is not decoded before the checks these tests make). */
    private Path dataset() throws java.io.IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("labels.csv"), "filename,scene,source\na.png,urban,here\n");
        Files.write(data.resolve("a.png"), new byte[] {1, 2, 3});
        return data;
    }

    @Test
    void aModelSidecarWithAnAbsurdInputSizeOrBadRowAnchorsIsNamed() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "needs the shipped highway model");
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.copy(CliRun.repoRoot().resolve("models/highway.pt"), models.resolve("highway.pt"));
        String sidecar = Files.readString(CliRun.repoRoot().resolve("models/highway.json"));
        Path config = Files.writeString(dir.resolve("c.yaml"), "experts:\n  highway:\n    model: "
                + models.resolve("highway.pt") + "\n");
        Files.writeString(models.resolve("highway.json"),
                sidecar.replaceFirst("\"input_width\": *\\d+", "\"input_width\": 100000"));
        assertOneLineError(CliRun.run("replay", "--out", dir.resolve("o1").toString(), "--config", config.toString()),
                "highway.json", "8192");
        Files.writeString(models.resolve("highway.json"),
                sidecar.replaceFirst("\"row_anchors\": *\\[", "\"row_anchors\": [5.0, "));
        assertOneLineError(CliRun.run("replay", "--out", dir.resolve("o2").toString(), "--config", config.toString()),
                "highway.json", "row anchors must be strictly increasing fractions in [0, 1]");
    }

    @Test
    void aSplitThatIsNotAFileOrMatchesNoFrameIsNamed() throws Exception {
        Path data = dataset();
        Path out = dir.resolve("out");
        assertOneLineError(CliRun.run("eval", data.toString(), "--out", out.toString(), "--split", dir.toString()),
                "--split " + dir, "a folder, not a CSV file");
        assertOneLineError(CliRun.run("eval", data.toString(), "--out", out.toString(), "--split",
                dir.resolve("absent.csv").toString()), "--split " + dir.resolve("absent.csv"), "no such file");
        Path other = Files.writeString(dir.resolve("other.csv"), "filename,scene,source\nb.png,urban,here\n");
        assertOneLineError(CliRun.run("eval", data.toString(), "--out", out.toString(), "--split", other.toString()),
                "--split " + other, "none of its frames is in " + data);
    }

    @Test
    void aNegativeLaneCountIsRefusedAndAPipeIsNeverOpenedAsARecording() throws Exception {
        assertOneLineError(CliRun.run("replay", "--out", dir.toString(), "--throughput=-1"), "--throughput",
                "'auto' or in [1, ");
        Path pipe = dir.resolve("drive.bag");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo unavailable");
        assertOneLineError(CliRun.run("replay", pipe.toString(), "--out", dir.resolve("o").toString()),
                pipe.toString(), "not a regular file");
    }
}
