package dev.triage.launch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default gate and urban detector are int8 files (sidecar {@code "precision": "int8"}), whose quantized kernels
 * libtorch runs on the CPU only: asking for a GPU with them is a configuration error that names the sidecar, the
 * key and the float alternative, before any model loads (so it needs no GPU to check).
 */
class Int8ModelDeviceTest {

    @TempDir
    Path dir;

    @Test
    void anInt8ModelOnAGpuIsAConfigurationErrorNamingTheFloatAlternative() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path config = Files.writeString(dir.resolve("gpu.yaml"), "runtime:\n  device: gpu\n");
        CliRun run = CliRun.run("replay", "--out", dir.resolve("out").toString(), "--frames", "2", "--no-video",
                "--config", config.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("gate_int8.json") && run.stderr().contains("int8")
                && run.stderr().contains("gate.model") && run.stderr().contains("quality"), run.stderr());
        Path floatGate = Files.writeString(dir.resolve("gpu-float-gate.yaml"),
                "runtime:\n  device: gpu\ngate:\n  model: gate\n");
        run = CliRun.run("replay", "--out", dir.resolve("out").toString(), "--frames", "2", "--no-video",
                "--config", floatGate.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("nanodet_m_int8.json") && run.stderr().contains("experts.urban.model"),
                run.stderr());
    }

    @Test
    void theGpuProfileRunsOnACudaBuildWithAGpuAndIsOtherwiseRefusedInOneLineSayingWhy() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("replay", "--out", out.toString(), "--frames", "2", "--no-video", "--config", "gpu");
        if (run.exitCode() == 0) { // the CUDA natives (-Pcu124) and a GPU: the profile runs
            String summary = Files.readString(out.resolve("summary.json")).replaceAll("\\s", "");
            assertTrue(summary.contains("\"frames_processed\":2"), summary);
            return;
        }
        assertEquals(2, run.exitCode(), run.stderr());
        String line = run.stderr().lines().filter(l -> l.startsWith("triage: ")).findFirst().orElseThrow();
        boolean cpuOnly = line.contains("CPU-only") && line.contains("-Pcu124");
        assertTrue(line.contains("gate.pt") && line.contains("runtime.device is gpu:0") && !line.contains("corrupt")
                && (cpuOnly || line.contains("CUDA device(s) are visible")), line);
    }
}
