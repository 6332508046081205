package dev.triage.launch.wiring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeEnvironmentTest {

    private static final Map<String, String> AS_LAUNCHED = Map.of(
            "DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true", "DNNL_MAX_CPU_ISA", "AVX2",
            "MALLOC_MMAP_THRESHOLD_", "67108864", "MALLOC_TRIM_THRESHOLD_", "268435456");

    @Test
    void theLaunchersEnvironmentHasNoWarnings() {
        assertEquals(List.of(), RuntimeEnvironment.warnings(AS_LAUNCHED));
    }

    @Test
    void anEmptyEnvironmentNamesEverySetting() {
        List<String> warnings = RuntimeEnvironment.warnings(Map.of());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("DJL_OFFLINE"));
        assertTrue(warnings.get(1).contains("DNNL_MAX_CPU_ISA"));
        assertTrue(warnings.get(2).contains("MALLOC_TRIM_THRESHOLD_"));
    }

    @Test
    void offlineMustBeTrueNotJustPresent() {
        Map<String, String> env = new java.util.HashMap<>(AS_LAUNCHED);
        env.put("DJL_OFFLINE", "false");
        assertEquals(1, RuntimeEnvironment.warnings(env).size());
    }

    @Test
    void theTestJvmIsLaunchedLikeTheCli() {
        // surefire's environmentVariables in pom.xml mirror scripts/runtime-env.sh
        assertEquals(List.of(), RuntimeEnvironment.warnings(System.getenv()));
    }
}
