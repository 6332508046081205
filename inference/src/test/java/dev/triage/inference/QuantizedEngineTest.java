package dev.triage.inference;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The int8 kernels are chosen through libtorch's own API; the parity of the int8 models is ShippedModelParityTest's. */
class QuantizedEngineTest {

    @Test
    void autoSelectsFbgemmOnLinuxX8664() {
        String arch = System.getProperty("os.arch", "");
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && (arch.equals("amd64") || arch.equals("x86_64")), "FBGEMM exists on x86-64 only; this is " + arch);
        Engine.getEngine("PyTorch");
        assertEquals("fbgemm", QuantizedEngine.select("auto"));
        assertEquals("fbgemm", QuantizedEngine.select("auto"), "process-wide: the first choice stays");
    }

    @Test
    void unknownEngineNamesAreRejectedWithTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RuntimeOptions("cpu", 1, 1, "mkldnn"));
        assertEquals(true, e.getMessage().contains("fbgemm"), e.getMessage());
    }
}
