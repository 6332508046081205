package dev.triage.experts;

import dev.triage.experts.decode.RowAnchorLaneDecoder;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TensorData;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Lane;
import dev.triage.perception.spi.Expert;

import java.nio.file.Path;
import java.util.List;

/**
 * The highway-lane expert: a TorchScript model with two outputs, row-anchor lanes and a CenterNet vehicle head,
 * decoded into {@link Lane} polylines (slot kept) and vehicle {@link Detection}s in frame pixels.
 * One instance per worker thread (it owns a DJL predictor); the model may be shared between instances.
 *
 * <pre>{@code
 * try (Expert highway = HighwayExpert.load(Path.of("models/highway.pt"), spec, RuntimeOptions.defaults())) {
 *     ExpertOutput out = highway.infer(tensor, 1280, 720);
 * }
 * }</pre>
 */
public final class HighwayExpert extends TorchScriptExpert<HighwaySpec> {

    private final RowAnchorLaneDecoder laneDecoder;
    private final CenterNetHead vehicles;

    /**
     * An expert on a model shared with other threads; closing the expert leaves the model open.
     *
     * @param model loaded with {@code spec.inputSize()} and {@code spec.outputContract()}
     * @throws IllegalArgumentException when the model was loaded for another input size or contract
     */
    public HighwayExpert(TorchScriptModel model, HighwaySpec spec) {
        this(model, spec, false);
    }

    private HighwayExpert(TorchScriptModel model, HighwaySpec spec, boolean ownsModel) {
        super(model, spec, ownsModel);
        this.laneDecoder = new RowAnchorLaneDecoder(spec.gridCells(), spec.rowAnchors(), spec.lanes());
        this.vehicles = new CenterNetHead(spec);
    }

    /** Loads, warms up and checks {@code file}; the returned expert owns the model and closes it. */
    public static HighwayExpert load(Path file, HighwaySpec spec, RuntimeOptions options) throws ModelLoadException {
        return loadOwned(file, spec, options, model -> new HighwayExpert(model, spec, true));
    }

    @Override
    ExpertOutput decode(List<TensorData> out, int frameWidth, int frameHeight) {
        TensorData lanes = out.get(0);
        List<Lane> decodedLanes = laneDecoder.decode(lanes.values(), lanes.dim(1), frameWidth, frameHeight);
        return new ExpertOutput(vehicles.decode(out.get(1), frameWidth, frameHeight), decodedLanes);
    }
}
