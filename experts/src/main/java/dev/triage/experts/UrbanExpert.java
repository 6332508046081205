package dev.triage.experts;

import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TensorData;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.spi.Expert;

import java.nio.file.Path;
import java.util.List;

/**
 * The urban-pedestrian expert: a CenterNet-style TorchScript detector (pedestrians, cyclists, vehicles) decoded into
 * {@link Detection}s in frame pixels, labels from {@link UrbanSpec#classes()}.
 * One instance per worker thread (it owns a DJL predictor); the model may be shared between instances.
 *
 * <pre>{@code
 * UrbanSpec spec = UrbanSpec.contractDefaults(DetectionParams.defaults());
 * try (Expert urban = UrbanExpert.load(Path.of("models/urban.pt"), spec, RuntimeOptions.defaults())) {
 *     ExpertOutput out = urban.infer(tensor, 640, 480);
 * }
 * }</pre>
 */
public final class UrbanExpert extends TorchScriptExpert<UrbanSpec> {

    private final CenterNetHead head;

    /**
     * An expert on a model shared with other threads; closing the expert leaves the model open.
     *
     * @param model loaded with {@code spec.inputSize()} and {@code spec.outputContract()}
     * @throws IllegalArgumentException when the model was loaded for another input size or contract
     */
    public UrbanExpert(TorchScriptModel model, UrbanSpec spec) {
        this(model, spec, false);
    }

    private UrbanExpert(TorchScriptModel model, UrbanSpec spec, boolean ownsModel) {
        super(model, spec, ownsModel);
        this.head = new CenterNetHead(spec);
    }

    /** Loads, warms up and checks {@code file}; the returned expert owns the model and closes it. */
    public static UrbanExpert load(Path file, UrbanSpec spec, RuntimeOptions options) throws ModelLoadException {
        return loadOwned(file, spec, options, model -> new UrbanExpert(model, spec, true));
    }

    @Override
    ExpertOutput decode(List<TensorData> out, int frameWidth, int frameHeight) {
        return new ExpertOutput(head.decode(out.get(0), frameWidth, frameHeight), List.of());
    }
}
