package dev.triage.launch.wiring;

import dev.triage.experts.UrbanExpert;
import dev.triage.inference.ModelLoadException;
import dev.triage.perception.spi.Expert;

import java.util.Set;

/**
 * Kind {@code centernet}: a CenterNet-style box detector ({@link UrbanExpert}, the shipped urban expert's network)
 * with a fixed input size from its sidecar.
 */
final class CenterNetKind extends NamedExpertKind {

    CenterNetKind() {
        super("centernet", Set.of("score_threshold", "nms_iou", "max_detections", "input_width", "input_height",
                "under_load_input_width", "under_load_input_height"));
    }

    @Override
    public Expert load(ExpertRequest r) throws StackFactory.StackException, ModelLoadException {
        if (r.config().inputSize().isPresent()) {
            throw new StackFactory.StackException(r.key() + ".input_width/input_height: " + r.files().sidecar()
                    + " describes a fixed-size model; remove them or use a fully convolutional (kind yolo) model");
        }
        return UrbanExpert.load(r.files().model(), r.sidecars().centernet(r.files().sidecar(), r.config()),
                r.runtime());
    }
}
