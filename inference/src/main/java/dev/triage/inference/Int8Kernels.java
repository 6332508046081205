package dev.triage.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code quantized_engine: auto} resolves to on this CPU: oneDNN where it may use the CPU's AMX int8 tiles,
 * FBGEMM everywhere else.
 *
 * <p>Measured with {@code bin/triage bench} (forward-only medians of the default int8 NanoDet at 640x384, one
 * thread): on an Intel Xeon with AMX, oneDNN 16.6 ms against FBGEMM 31.9 ms (libtorch's {@code x86} engine 19.1 ms);
 * on the AMD EPYC machines of earlier rounds (AVX2, oneDNN capped to it) FBGEMM was 1.6-1.8x faster than oneDNN.
 * oneDNN may use AMX only when {@code DNNL_MAX_CPU_ISA} (oneDNN's own variable, read by libtorch when it starts) is
 * unset, {@code ALL} or an AMX level; {@code scripts/runtime-env.sh} caps it to AVX2 on AMD CPUs only.
 *
 * @param cpuFlags       the CPU's feature flags ({@code /proc/cpuinfo}), empty when unknown
 * @param dnnlMaxCpuIsa  the value of {@code DNNL_MAX_CPU_ISA}, or null when unset
 */
public record Int8Kernels(Set<String> cpuFlags, String dnnlMaxCpuIsa) {

    /** This process's CPU and environment (Linux; elsewhere no flags, so FBGEMM). */
    public static Int8Kernels ofThisProcess() {
        return new Int8Kernels(cpuFlags(Path.of("/proc/cpuinfo")), System.getenv("DNNL_MAX_CPU_ISA"));
    }

    /** The engine {@code auto} stands for: {@code onednn} or {@code fbgemm}. */
    public String auto() {
        return oneDnnMayUseAmx() ? "onednn" : "fbgemm";
    }

    /** Why {@link #auto()} chose what it did, for the log. */
    public String reason() {
        if (!cpuFlags.contains("amx_int8")) {
            return "no AMX int8 on this CPU";
        }
        return oneDnnMayUseAmx() ? "AMX int8 on this CPU, oneDNN may use it (DNNL_MAX_CPU_ISA="
                + (dnnlMaxCpuIsa == null ? "unset" : dnnlMaxCpuIsa) + ")"
                : "AMX int8 on this CPU, but DNNL_MAX_CPU_ISA=" + dnnlMaxCpuIsa + " keeps oneDNN from it";
    }

    private boolean oneDnnMayUseAmx() {
        if (!cpuFlags.contains("amx_int8")) {
            return false;
        }
        if (dnnlMaxCpuIsa == null || dnnlMaxCpuIsa.isBlank()) {
            return true;
        }
        String isa = dnnlMaxCpuIsa.strip().toUpperCase(Locale.ROOT);
        return isa.equals("ALL") || isa.contains("AMX");
    }

    /** The {@code flags} line of a cpuinfo file; empty when it cannot be read. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
