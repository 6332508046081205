package dev.triage.launch.wiring;

import dev.triage.experts.YoloExpert;
import dev.triage.experts.YoloSpec;
import dev.triage.experts.decode.RiderRule;
import dev.triage.inference.ModelLoadException;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.spi.Expert;

import java.util.Set;

/**
 * Kind {@code yolo}: a detector of YOLOv5/v8 layout ({@link YoloExpert}), either described by its sidecar (the
 * input size overridable for a fully convolutional model) or, with a {@code yolo} section in the YAML, a user's
 * model without sidecar.
 */
final class YoloKind extends NamedExpertKind {

    YoloKind() {
        super("yolo", Set.of("score_threshold", "nms_iou", "max_detections", "input_width", "input_height",
                "under_load_input_width", "under_load_input_height", "yolo"));
    }

    @Override
    public Expert load(ExpertRequest r) throws StackFactory.StackException, ModelLoadException {
        TriageConfig.Yolo y = r.config().yolo();
        if (y == null) {
            return YoloExpert.load(r.files().model(), r.sidecars().yolo(r.files().sidecar(), r.key(), r.config()),
                    r.runtime());
        }
        YoloSpec spec;
        try {
            spec = new YoloSpec(new InputSize(y.inputWidth(), y.inputHeight()), y.classes(), y.labelMap(),
                    new RiderRule("person", y.riders()), r.config().detectionParams());
        } catch (IllegalArgumentException e) {
            throw new StackFactory.StackException(r.key() + ".yolo: " + e.getMessage());
        }
        return YoloExpert.load(r.files().model(), spec, r.runtime());
    }
}
