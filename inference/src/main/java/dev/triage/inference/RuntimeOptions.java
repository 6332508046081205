package dev.triage.inference;

import ai.djl.Device;
import dev.triage.perception.core.Bounds;

import java.util.List;
import java.util.Objects;

/**
 * How a TorchScript model is run. Holds no DJL type in its public API, so the composition root ({@code launch}) can
 * build it from configuration strings without importing DJL.
 *
 * <pre>{@code
 * RuntimeOptions rt = new RuntimeOptions("cpu", 1, 20);   // or "gpu" / "gpu:1" with the cu124 profile
 * }</pre>
 *
 * @param device           where the model runs: {@code "cpu"} (default), {@code "gpu"} (CUDA device 0) or
 *                         {@code "gpu:N"} (CUDA device N); {@code "gpu"} is stored as {@code "gpu:0"}. A GPU needs
 *                         the CUDA natives on the class path (the {@code cu124} profile)
 * @param intraOpThreads   torch intra-op threads, or 0 to keep torch's default. <b>Process-wide</b>: torch has a single
 *                         setting, so the last model loaded wins; 1 is recommended on small CPUs (tighter p90)
 * @param warmupIterations forward passes on a zero input before the model serves; at least one always runs, because
 *                         it checks the output shape against the contract
 * @param quantizedEngine  libtorch's int8 kernel library, one of {@link #QUANTIZED_ENGINES}. <b>Process-wide</b> and
 *                         fixed by the first model loaded: {@code auto} (oneDNN where it may use the CPU's AMX
 *                         int8 tiles, FBGEMM elsewhere: {@link Int8Kernels}), {@code fbgemm}, {@code onednn},
 *                         {@code x86}, {@code qnnpack} or
 *                         {@code libtorch_default}; float models are unaffected
 */
public record RuntimeOptions(String device, int intraOpThreads, int warmupIterations, String quantizedEngine) {

    /** Keeps libtorch's own choice of int8 kernels. */
    public static final String LIBTORCH_DEFAULT = "libtorch_default";

    /** The allowed values of {@link #quantizedEngine()}. */
    public static final List<String> QUANTIZED_ENGINES = List.of("auto", "fbgemm", "onednn", "x86", "qnnpack",
            LIBTORCH_DEFAULT);

    /** Warm-up passes used by {@link #defaults()}. */
    public static final int DEFAULT_WARMUP = 20;

    /** The CPU device name. */
    public static final String CPU = "cpu";

    /** The first CUDA device, in the canonical form this record stores. */
    public static final String GPU0 = "gpu:0";

    private static final int MAX_GPU_INDEX = 63;

    public RuntimeOptions {
        device = canonicalDevice(device);
        Bounds.closed("intraOpThreads", intraOpThreads, 0, 256);
        Bounds.closed("warmupIterations", warmupIterations, 0, 1000);
        if (!QUANTIZED_ENGINES.contains(quantizedEngine)) {
            throw new IllegalArgumentException("quantizedEngine '" + quantizedEngine + "' is invalid; allowed: "
                    + QUANTIZED_ENGINES);
        }
    }

    /** Options with the {@code auto} quantized engine. */
    public RuntimeOptions(String device, int intraOpThreads, int warmupIterations) {
        this(device, intraOpThreads, warmupIterations, "auto");
    }

    /** CPU, one intra-op thread, {@value #DEFAULT_WARMUP} warm-up passes, the {@code auto} quantized engine. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(CPU, 1, DEFAULT_WARMUP);
    }

    /** A copy running on {@code newDevice} ({@code "cpu"}, {@code "gpu"} or {@code "gpu:N"}). */
    public RuntimeOptions withDevice(String newDevice) {
        return new RuntimeOptions(newDevice, intraOpThreads, warmupIterations, quantizedEngine);
    }

    /** A copy with {@code n} intra-op threads (0 = torch's default). */
    public RuntimeOptions withIntraOpThreads(int n) {
        return new RuntimeOptions(device, n, warmupIterations, quantizedEngine);
    }

    /** A copy with {@code n} warm-up passes. */
    public RuntimeOptions withWarmupIterations(int n) {
        return new RuntimeOptions(device, intraOpThreads, n, quantizedEngine);
    }

    /** Whether the model runs on a CUDA device. */
    public boolean isGpu() {
        return !CPU.equals(device);
    }

    /** The DJL device; internal to this module so that no caller needs DJL to configure a model. */
    Device djlDevice() {
        return isGpu() ? Device.gpu(Integer.parseInt(device.substring(4))) : Device.cpu();
    }

    /**
     * Checks and normalises a device name.
     *
     * @throws IllegalArgumentException listing the allowed values when {@code name} is not one of them
     */
    static String canonicalDevice(String name) {
        Objects.requireNonNull(name, "device");
        if (CPU.equals(name)) {
            return CPU;
        }
        if ("gpu".equals(name)) {
            return GPU0;
        }
        if (name.startsWith("gpu:")) {
            String index = name.substring(4);
            if (!index.isEmpty() && index.length() <= 2 && index.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int n = Integer.parseInt(index);
                if (n <= MAX_GPU_INDEX) {
                    return "gpu:" + n;
                }
            }
        }
        throw new IllegalArgumentException("device '" + name + "' is invalid; allowed: \"cpu\", \"gpu\" (= gpu:0) or"
                + " \"gpu:N\" with N a CUDA device index in [0, " + MAX_GPU_INDEX + "]");
    }
}
