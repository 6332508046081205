package dev.triage.experts;

import dev.triage.experts.decode.YoloDecoder;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.inference.TensorData;
import dev.triage.inference.TorchScriptModel;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;

import java.nio.file.Path;
import java.util.List;

/**
 * The urban expert backed by a YOLOv5/v8-layout TorchScript detector ({@link YoloSpec}): the shipped COCO detector
 * (NanoDet-m, converted by {@code training/convert_nanodet.py}) or a user's; a drop-in for the CenterNet
 * {@link UrbanExpert} in any expert slot. Loading checks that the model's output fits one of the two
 * YOLO layouts for the configured class count, so a wrong class list fails at start with a message, not per frame.
 *
 * <pre>{@code
 * YoloSpec spec = new YoloSpec(new InputSize(640, 640), cocoNames, Map.of("person", "pedestrian"),
 *         new DetectionParams(0.3, 100, 0.5));
 * try (Expert urban = YoloExpert.load(Path.of("/models/yolov8n.torchscript"), spec, RuntimeOptions.defaults())) {
 *     ExpertOutput out = urban.infer(tensor, 640, 480);
 * }
 * }</pre>
 */
public final class YoloExpert extends TorchScriptExpert<YoloSpec> {

    private final YoloDecoder decoder;

    private YoloExpert(TorchScriptModel model, YoloSpec spec) {
        super(model, spec, true);
        this.decoder = new YoloDecoder(spec.classes(), spec.labelMap(), spec.riders(), spec.detection());
    }

    /**
     * Loads, warms up and checks {@code file}; the returned expert owns the model.
     *
     * @throws ModelLoadException when the file does not load or its output fits neither YOLO layout
     */
    public static YoloExpert load(Path file, YoloSpec spec, RuntimeOptions options) throws ModelLoadException {
        return loadOwned(file, spec, options, model -> {
            YoloExpert expert = new YoloExpert(model, spec);
            long[] shape = model.outputShapes().get(0);
            if (expert.decoder.layoutOf(shape[1], shape[2]).isEmpty()) {
                throw new ModelLoadException(file, "output " + java.util.Arrays.toString(shape) + " is neither "
                        + "YOLOv8 [1, 4+C, N] nor YOLOv5 [1, N, 5+C] for the " + spec.classes().size()
                        + " configured classes");
            }
            return expert;
        });
    }

    @Override
    ExpertOutput decode(List<TensorData> out, int frameWidth, int frameHeight) {
        TensorData head = out.get(0);
        List<Detection> dets = decoder.decode(head.values(), head.dim(1), head.dim(2), spec().inputSize(), frameWidth,
                frameHeight);
        return new ExpertOutput(dets, List.of());
    }
}
