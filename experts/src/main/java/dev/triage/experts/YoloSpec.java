package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RiderRule;
import dev.triage.experts.decode.YoloDecoder;
import dev.triage.inference.OutputContract;
import dev.triage.perception.image.InputSize;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YOLOv5/v8-layout TorchScript detector for the urban slot: the shipped COCO detector (described by its sidecar,
 * kind {@code yolo}) or a user's (described by configuration): input size, class names in output order, an optional
 * label map into Triage's labels, the rider rule (person on a bicycle → cyclist) and the thresholds.
 * The model must take {@code [1, 3, H, W]} RGB in [0, 1] (the frame is resized to W x H without letterboxing) and
 * return the raw head ({@code [1, 4 + C, N]} or {@code [1, N, 5 + C]}, NMS not baked in).
 *
 * @param inputSize input size the model was exported for, e.g. 640x640; each side in [{@value #MIN_SIDE},
 *                  {@value #MAX_SIDE}]
 * @param classes   the model's class names in output order (e.g. the 80 COCO names)
 * @param labelMap  model class → Triage label, e.g. {@code person: pedestrian, bicycle: cyclist, car: vehicle};
 *                  classes without an entry are dropped; empty keeps every class under its own name
 * @param riders    which persons become riders of which mounts ({@link RiderRule#none()} for none)
 * @param detection thresholds
 */
public record YoloSpec(InputSize inputSize, List<String> classes, Map<String, String> labelMap, RiderRule riders,
                       DetectionParams detection) implements ModelSpec {

    /** Smallest input side. */
    public static final int MIN_SIDE = 32;
    /** Largest input side. */
    public static final int MAX_SIDE = 4096;

    public YoloSpec {
        checkInputSize(inputSize);
        Objects.requireNonNull(riders, "riders");
        Objects.requireNonNull(detection, "detection");
        classes = List.copyOf(classes);
        labelMap = Map.copyOf(labelMap);
        SpecChecks.checkClasses(classes);
        YoloDecoder.checkLabelMap(classes, labelMap);
        YoloDecoder.checkRiders(classes, riders);
    }

    /**
     * Returns {@code size} if both sides are in [{@value #MIN_SIDE}, {@value #MAX_SIDE}].
     *
     * @throws IllegalArgumentException naming the side ({@code inputSize.width} or {@code inputSize.height})
     */
    public static InputSize checkInputSize(InputSize size) {
        Objects.requireNonNull(size, "inputSize");
        checkSide("inputSize.width", size.width());
        checkSide("inputSize.height", size.height());
        return size;
    }

    private static void checkSide(String name, int side) {
        if (side < MIN_SIDE || side > MAX_SIDE) {
            throw new IllegalArgumentException(name + " must be in [" + MIN_SIDE + ", " + MAX_SIDE + "]: " + side);
        }
    }

    /** A spec without riders. */
    public YoloSpec(InputSize inputSize, List<String> classes, Map<String, String> labelMap,
                    DetectionParams detection) {
        this(inputSize, classes, labelMap, RiderRule.none(), detection);
    }

    /** Any {@code [1, a, b]} output; the decoder checks that it fits one of the two layouts. */
    public OutputContract outputContract() {
        return OutputContract.of(1, OutputContract.ANY, OutputContract.ANY);
    }
}
