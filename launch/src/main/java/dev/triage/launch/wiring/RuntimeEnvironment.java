package dev.triage.launch.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the process environment that libtorch and glibc read once at start-up, which no Java code can change
 * afterwards. The launchers set all of it ({@code scripts/runtime-env.sh}); a user who starts the JVM another way
 * gets one warning per missing setting, naming its effect, instead of silently slower or wrong networks.
 */
public final class RuntimeEnvironment {

    private RuntimeEnvironment() {
    }

    /** One warning per missing or unsafe setting in {@code env}; empty when the environment is as the launchers set it. */
    public static List<String> warnings(Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        if (!"true".equals(env.get("DJL_OFFLINE")) || !"true".equals(env.get("OPT_OUT_TRACKING"))) {
            warnings.add("DJL_OFFLINE=true and OPT_OUT_TRACKING=true are not both set: DJL may contact the network");
        }
        if (env.get("DNNL_MAX_CPU_ISA") == null) {
            warnings.add("DNNL_MAX_CPU_ISA is unset: oneDNN's AVX-512 convolutions gave wrong outputs on AMD EPYC "
                    + "CPUs with libtorch 2.5.1; source scripts/runtime-env.sh (AVX2 on AMD, ALL elsewhere)");
        }
        if (env.get("MALLOC_TRIM_THRESHOLD_") == null || env.get("MALLOC_MMAP_THRESHOLD_") == null) {
            warnings.add("MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ are unset: glibc re-faults every tensor "
                    + "buffer on each forward pass (the urban expert measured about 3x slower on the CPU)");
        }
        return List.copyOf(warnings);
    }
}
