package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.inference.OutputContract;
import dev.triage.perception.image.InputSize;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link UrbanExpert} needs to know about its model, as read from the sidecar {@code models/urban.json}
 * ({@code input_width}, {@code input_height}, {@code stride}, {@code classes}) plus the decoding thresholds from
 * the node's configuration.
 *
 * @param inputSize input size, e.g. 320x240; both sides must be multiples of {@code stride}
 * @param stride    input pixels per output cell, e.g. 4
 * @param classes   heatmap channel labels in order, e.g. [pedestrian, cyclist, vehicle]
 * @param detection decoding thresholds
 */
public record UrbanSpec(InputSize inputSize, int stride, List<String> classes, DetectionParams detection)
        implements CenterNetHead.Spec {

    public UrbanSpec {
        Objects.requireNonNull(inputSize, "inputSize");
        Objects.requireNonNull(detection, "detection");
        classes = List.copyOf(classes);
        SpecChecks.checkGrid(inputSize, stride);
        SpecChecks.checkClasses(classes);
    }

    /** The contract in {@code training/CONTRACTS.md}: 320x240, stride 4, [pedestrian, cyclist, vehicle]. */
    public static UrbanSpec contractDefaults(DetectionParams detection) {
        return new UrbanSpec(new InputSize(320, 240), 4, List.of("pedestrian", "cyclist", "vehicle"), detection);
    }

    /** The output the model must produce: {@code [1, C + 4, H / stride, W / stride]}. */
    public OutputContract outputContract() {
        return OutputContract.of(1, classes.size() + 4, inputSize.height() / stride, inputSize.width() / stride);
    }
}
