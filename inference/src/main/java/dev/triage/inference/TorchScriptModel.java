package dev.triage.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.InferenceException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TorchScript model loaded offline through DJL's PyTorch engine, warmed up and checked against its output contract.
 * The model is shared and thread-safe; every worker thread takes its own {@link ModelRunner} (DJL predictors are not
 * thread-safe). Close the runners first, then the model.
 *
 * <pre>{@code
 * try (TorchScriptModel model = TorchScriptModel.load(Path.of("models/urban.pt"), new InputSize(320, 240),
 *         OutputContract.of(1, 7, 60, 80), RuntimeOptions.defaults());
 *      ModelRunner runner = model.newRunner()) {
 *     List<TensorData> out = runner.run(tensor);
 * }
 * }</pre>
 */
public final class TorchScriptModel implements AutoCloseable {

    private List<long[]> outputShapes = List.of();

    private static final String ENGINE = "PyTorch";

    private final Path file;
    private final InputSize inputSize;
    private final OutputContract contract;
    private final ZooModel<NDList, NDList> model;

    private TorchScriptModel(Path file, InputSize inputSize, OutputContract contract, ZooModel<NDList, NDList> model) {
        this.file = file;
        this.inputSize = inputSize;
        this.contract = contract;
        this.model = model;
    }

    /**
     * What owns a freshly loaded model (a gate or an expert that closes it): built by {@link #loadOwned}.
     *
     * @param <T> the owner
     */
    @FunctionalInterface
    public interface Owner<T> {
        /**
         * Builds the owner of {@code model}.
         *
         * @throws ModelLoadException when the model does not suit the owner
         */
        T build(TorchScriptModel model) throws ModelLoadException;
    }

    /**
     * {@link #load Loads} {@code file} and hands the model to {@code owner}; when building the owner fails, the model
     * is closed before the exception goes on.
     *
     * @throws ModelLoadException naming the file, from loading or from the owner
     */
    public static <T> T loadOwned(Path file, InputSize inputSize, OutputContract contract, RuntimeOptions options,
                                  Owner<T> owner) throws ModelLoadException {
        TorchScriptModel model = load(file, inputSize, contract, options);
        try {
            return owner.build(model);
        } catch (ModelLoadException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads {@code file}, runs {@code options.warmupIterations()} forward passes (at least one) on a zero input and
     * checks the outputs against {@code contract}.
     *
     * @throws ModelLoadException naming the file when it is missing, not TorchScript, corrupt, fails on a zero
     *                            input, or answers with the wrong output shape
     */
    public static TorchScriptModel load(Path file, InputSize inputSize, OutputContract contract,
                                        RuntimeOptions options) throws ModelLoadException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(inputSize, "inputSize");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(options, "options");
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ModelLoadException(abs, "model file is missing (expected a TorchScript .pt file)");
        }
        if (!Files.isReadable(abs)) {
            throw new ModelLoadException(abs, "model file is not readable");
        }
        String fileName = abs.getFileName().toString();
        if (!fileName.endsWith(".pt")) {
            throw new ModelLoadException(abs, "not a TorchScript model: the file name must end in .pt");
        }
        startEngine(abs, options);
        ZooModel<NDList, NDList> zoo = loadZooModel(abs, fileName.substring(0, fileName.length() - 3),
                options.djlDevice());
        TorchScriptModel loaded = new TorchScriptModel(abs, inputSize, contract, zoo);
        try {
            loaded.warmUp(options.warmupIterations());
            return loaded;
        } catch (ModelLoadException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static void startEngine(Path file, RuntimeOptions options) throws ModelLoadException {
        try {
            Engine engine = Engine.getEngine(ENGINE);
            if (options.isGpu() && !engine.hasCapability(StandardCapabilities.CUDA)) {
                throw new ModelLoadException(file, "runtime.device is " + options.device() + ", but this build's "
                        + "PyTorch natives are CPU-only: build with the CUDA ones (TRIAGE_MAVEN_ARGS=-Pcu124 "
                        + "bin/triage ..., README \"GPU\"), or run on the CPU (runtime.device: cpu)");
            }
            if (options.isGpu() && options.djlDevice().getDeviceId() >= engine.getGpuCount()) {
                throw new ModelLoadException(file, "runtime.device is " + options.device() + ", but "
                        + engine.getGpuCount() + " CUDA device(s) are visible (CUDA_VISIBLE_DEVICES, the driver)");
            }
            QuantizedEngine.select(options.quantizedEngine());
            if (options.intraOpThreads() > 0) {
                JniUtils.setNumThreads(options.intraOpThreads());
            }
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "the PyTorch engine could not start: " + e.getMessage(), e);
        }
    }

    private static ZooModel<NDList, NDList> loadZooModel(Path file, String name, Device device)
            throws ModelLoadException {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.getParent())
                .optModelName(name)
                .optEngine(ENGINE)
                .optDevice(device)
                .optOption("mapLocation", "true")
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException e) {
            throw new ModelLoadException(file, "DJL found no model there: " + e.getMessage(), e);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new ModelLoadException(file, "not a loadable TorchScript model (corrupt or another format): "
                    + firstLine(e), e);
        }
    }

    private void warmUp(int iterations) throws ModelLoadException {
        ImageTensor zeros = new ImageTensor(inputSize, ByteBuffer
                .allocateDirect(3 * Float.BYTES * inputSize.width() * inputSize.height())
                .order(ByteOrder.nativeOrder()).asReadOnlyBuffer().order(ByteOrder.nativeOrder()));
        try (ModelRunner runner = new ModelRunner(this, false)) {
            int n = Math.max(1, iterations);
            for (int i = 0; i < n; i++) {
                List<TensorData> out;
                try {
                    out = runner.run(zeros);
                } catch (InferenceException e) {
                    throw new ModelLoadException(file, "forward pass on a zero " + inputSize + " input failed: "
                            + firstLine(e.getCause() == null ? e : e.getCause()), e);
                }
                if (i == 0) {
                    outputShapes = out.stream().map(TensorData::shape).toList();
                    Optional<String> wrong = contract.mismatch(out);
                    if (wrong.isPresent()) {
                        throw new ModelLoadException(file, "output does not match the contract: " + wrong.get());
                    }
                }
            }
        }
    }

    /** The shapes of the outputs at warm-up (resolving {@link OutputContract#ANY} dimensions). */
    public List<long[]> outputShapes() {
        return outputShapes.stream().map(long[]::clone).toList();
    }

    /** A new per-thread runner; the caller closes it. */
    public ModelRunner newRunner() {
        return new ModelRunner(this, true);
    }

    /** The model file, absolute. */
    public Path file() {
        return file;
    }

    /** The input size the model was loaded for. */
    public InputSize inputSize() {
        return inputSize;
    }

    /** The output contract checked at load and on every frame. */
    public OutputContract contract() {
        return contract;
    }

    /** Where the model runs, as {@link RuntimeOptions#device()} names it: {@code "cpu"} or {@code "gpu:N"}. */
    public String device() {
        Device d = djlDevice();
        return Device.Type.CPU.equals(d.getDeviceType()) ? RuntimeOptions.CPU : "gpu:" + d.getDeviceId();
    }

    /** Whether the model runs on a CUDA device (its outputs must be read back to wait for it). */
    public boolean isGpu() {
        return !Device.Type.CPU.equals(djlDevice().getDeviceType());
    }

    Device djlDevice() {
        return model.getNDManager().getDevice();
    }

    ZooModel<NDList, NDList> zooModel() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    static String firstLine(Throwable t) {
        String msg = String.valueOf(t.getMessage());
        int nl = msg.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? msg : msg.substring(0, nl));
    }
}
