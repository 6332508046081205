package dev.triage.inference;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The int8 kernels are chosen through libtorch's own API; the parity of the int8 models is ShippedModelParityTest's. */
class QuantizedEngineTest {

    @Test
    void autoSelectsWhatThisCpuRunsFastestOnLinuxX8664() {
        String arch = System.getProperty("os.arch", "");
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && (arch.equals("amd64") || arch.equals("x86_64")), "FBGEMM exists on x86-64 only; this is " + arch);
        Engine.getEngine("PyTorch");
        String expected = Int8Kernels.ofThisProcess().auto();
        assertEquals(expected, QuantizedEngine.select("auto"));
        assertEquals(expected, QuantizedEngine.select("fbgemm".equals(expected) ? "onednn" : "fbgemm"),
                "process-wide: the first choice stays");
    }

    @Test
    void autoMeansOneDnnOnlyWhereItMayUseAmx() {
        Set<String> amx = Set.of("avx2", "avx512f", "avx512_vnni", "amx_tile", "amx_int8");
        assertEquals("onednn", new Int8Kernels(amx, null).auto());
        assertEquals("onednn", new Int8Kernels(amx, "ALL").auto());
        assertEquals("onednn", new Int8Kernels(amx, "avx512_core_amx").auto());
        assertEquals("fbgemm", new Int8Kernels(amx, "AVX2").auto(), "the AVX2 cap keeps oneDNN off AMX");
        assertEquals("fbgemm", new Int8Kernels(amx, "AVX512_CORE_VNNI").auto());
        assertEquals("fbgemm", new Int8Kernels(Set.of("avx2", "avx512f", "avx512_vnni"), null).auto());
        assertEquals("fbgemm", new Int8Kernels(Set.of(), null).auto(), "unknown CPU");
    }

    @Test
    void cpuFlagsComeFromTheFlagsLineOfCpuinfo(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx2 amx_int8\n"
                + "bugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: fpu avx2 amx_int8\n");
        assertEquals(Set.of("fpu", "avx2", "amx_int8"), Int8Kernels.cpuFlags(cpuinfo));
        assertEquals(Set.of(), Int8Kernels.cpuFlags(dir.resolve("missing")));
    }

    @Test
    void unknownEngineNamesAreRejectedWithTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RuntimeOptions("cpu", 1, 1, "mkldnn"));
        assertEquals(true, e.getMessage().contains("fbgemm"), e.getMessage());
    }
}
