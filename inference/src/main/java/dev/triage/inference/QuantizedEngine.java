package dev.triage.inference;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses libtorch's int8 kernel library ("quantized engine"), process-wide, before a model is loaded (an int8
 * model packs its weights for the engine in force when it loads).
 *
 * <p>DJL has no setting for it, and libtorch 2.5.1 defaults to its {@code x86} engine, which sent the int8 NanoDet's
 * convolutions to oneDNN: on the AVX2 machines of earlier rounds 23 ms of CPU time per 512x320 frame, against 15 ms
 * on FBGEMM (README, Performance); on CPUs with AMX, oneDNN is the faster one ({@link Int8Kernels}: what
 * {@code auto} means).
 * This class calls libtorch's own C++ API ({@code at::globalContext().setQEngine}) through JNA on the
 * {@code libtorch_cpu} that DJL has already loaded into the process, after checking that the engine is in
 * {@code supportedQEngines()} (an unsupported one would throw a C++ exception). Where any of that is unavailable
 * (another OS, a libtorch without the symbols) it logs why and leaves libtorch's default: float models are unaffected
 * either way.
 */
final class QuantizedEngine {

    private static final Logger LOG = LoggerFactory.getLogger(QuantizedEngine.class);

    /** {@code c10::QEngine} values (c10/core/QEngine.h). */
    private static final List<String> C10_NAMES = List.of("none", "fbgemm", "qnnpack", "onednn", "x86");

    private static String requested;
    private static String inForce;

    private QuantizedEngine() {
    }

    /**
     * Puts {@code choice} in force (once per process: later calls with another choice log that the first one stays).
     *
     * @param choice one of {@link RuntimeOptions#QUANTIZED_ENGINES}; {@code auto} = {@link Int8Kernels#auto()}
     * @return the engine in force afterwards ({@code fbgemm}, {@code x86}, ...), or {@code libtorch default} when
     *         it could not be read
     */
    static synchronized String select(String choice) {
        if (requested != null) {
            if (!requested.equals(choice)) {
                LOG.warn("quantized engine stays '{}' (process-wide, set by the first model); '{}' ignored",
                        inForce, choice);
            }
            return inForce;
        }
        requested = choice;
        inForce = apply(choice);
        return inForce;
    }

    private static String apply(String choice) {
        if (RuntimeOptions.LIBTORCH_DEFAULT.equals(choice)) {
            return "libtorch default";
        }
        try {
            Optional<Path> lib = loadedLibTorchCpu();
            if (lib.isEmpty()) {
                LOG.info("quantized engine: libtorch's default (libtorch_cpu not found in /proc/self/maps)");
                return "libtorch default";
            }
            NativeLibrary torch = NativeLibrary.getInstance(lib.get().toString());
            Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
            List<String> supported = supported(torch, context);
            String before = name(torch.getFunction("_ZNK2at7Context7qEngineEv").invokeInt(new Object[] {context}));
            Int8Kernels kernels = Int8Kernels.ofThisProcess();
            String wanted = "auto".equals(choice) ? kernels.auto() : choice;
            if (!supported.contains(wanted)) {
                LOG.info("quantized engine: '{}' is not supported by this libtorch {}; keeping '{}'",
                        wanted, supported, before);
                return before;
            }
            torch.getFunction("_ZN2at7Context10setQEngineEN3c107QEngineE")
                    .invokeVoid(new Object[] {context, (byte) C10_NAMES.indexOf(wanted)});
            String after = name(torch.getFunction("_ZNK2at7Context7qEngineEv").invokeInt(new Object[] {context}));
            LOG.info("quantized engine: {} ({}{}; libtorch's default was {}; supported {})", after, choice,
                    "auto".equals(choice) ? ": " + kernels.reason() : "", before, supported);
            return after;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("quantized engine: libtorch's default kept ({})", e.toString());
            return "libtorch default";
        }
    }

    /** Reads {@code const std::vector<c10::QEngine>&}: begin and end pointers, one byte per engine. */
    private static List<String> supported(NativeLibrary torch, Pointer context) {
        Function f = torch.getFunction("_ZN2at7Context17supportedQEnginesEv");
        Pointer vector = f.invokePointer(new Object[] {context});
        Pointer begin = vector.getPointer(0);
        Pointer end = vector.getPointer(Native.POINTER_SIZE);
        long n = Pointer.nativeValue(end) - Pointer.nativeValue(begin);
        List<String> names = new ArrayList<>();
        for (long i = 0; i < n && i < 16; i++) {
            names.add(name(begin.getByte(i)));
        }
        return names;
    }

    private static String name(int c10Value) {
        int v = c10Value & 0xff;
        return v < C10_NAMES.size() ? C10_NAMES.get(v) : "engine#" + v;
    }

    /** The libtorch_cpu that DJL mapped into this process (Linux), if any. */
    private static Optional<Path> loadedLibTorchCpu() {
        Path maps = Path.of("/proc/self/maps");
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || !Files.exists(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')).trim())
                    .filter(p -> p.endsWith("/libtorch_cpu.so")).findFirst().map(Path::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
