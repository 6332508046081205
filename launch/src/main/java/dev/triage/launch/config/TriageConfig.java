package dev.triage.launch.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.gating.GatePolicyParams;
import dev.triage.gating.SpeedPrior;

/**
 * The whole configuration of one Triage pipeline, as validated against {@code config/triage.schema.json}.
 * Field names map to snake_case YAML keys.
 *
 * @param budgetMs         latency budget per frame
 * @param gateEveryNFrames run the gate on every n-th frame
 * @param modelsDir        folder of shipped models
 * @param runtime          inference runtime settings
 * @param gate             gate model and routing policy
 * @param experts          expert models and decoding thresholds
 */
public record TriageConfig(double budgetMs, @JsonProperty("gate_every_n_frames") int gateEveryNFrames, String modelsDir, Runtime runtime, Gate gate,
                           Experts experts) {

    /**
     * @param device           "cpu" or "gpu"
     * @param intraOpThreads   torch intra-op threads
     * @param warmupIterations forward passes before serving
     */
    public record Runtime(String device, int intraOpThreads, int warmupIterations) {
    }

    /**
     * @param model           model name or path
     * @param smoothing       weight of the newest gate output
     * @param enterThreshold  probability needed to switch context
     * @param minDwellFrames  frames to hold a context after a switch
     * @param uncertaintyBand top probability below which both experts may run
     * @param speedPrior      whether vehicle speed biases the gate
     */
    public record Gate(String model, double smoothing, double enterThreshold, int minDwellFrames,
                       double uncertaintyBand, boolean speedPrior) {

        /** The speed prior these settings ask for: {@link SpeedPrior#defaults()} or {@link SpeedPrior#off()}. */
        public SpeedPrior prior() {
            return speedPrior ? SpeedPrior.defaults() : SpeedPrior.off();
        }

        /**
         * The routing policy's parameters.
         *
         * @throws IllegalArgumentException when they break a rule of {@link GatePolicyParams} that the schema cannot
         *                                  express ({@link ConfigLoader} checks this at load time)
         */
        public GatePolicyParams policyParams() {
            return new GatePolicyParams(smoothing, enterThreshold, minDwellFrames, uncertaintyBand, prior());
        }
    }

    /**
     * @param urban   the urban-pedestrian expert
     * @param highway the highway-lane expert
     */
    public record Experts(Urban urban, Highway highway) {
    }

    /**
     * @param model          model name or path
     * @param scoreThreshold minimum detection score
     * @param nmsIou         suppression IoU
     * @param maxDetections  cap per frame
     * @param inputWidth     input width for a fully convolutional model (sidecar kind {@code yolo}); null keeps
     *                       the sidecar's
     * @param inputHeight    input height, as {@code inputWidth}
     * @param yolo           set for a user's YOLOv5/v8-style detector (no sidecar needed); null for a shipped model
     *                       with its sidecar
     */
    public record Urban(String model, double scoreThreshold, double nmsIou, int maxDetections, Integer inputWidth,
                        Integer inputHeight, Yolo yolo) {

        /** The input size these settings ask for, when they set one. */
        public java.util.Optional<dev.triage.perception.image.InputSize> inputSize() {
            return inputWidth == null || inputHeight == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new dev.triage.perception.image.InputSize(inputWidth, inputHeight));
        }

        /** The box decoder's thresholds these settings give (the shipped CenterNet model and a YOLO alike). */
        public DetectionParams detectionParams() {
            return new DetectionParams(scoreThreshold, maxDetections, nmsIou);
        }
    }

    /**
     * A user-supplied YOLOv5/v8-style TorchScript detector in the urban slot.
     *
     * @param inputWidth  the width the model was exported for
     * @param inputHeight the height the model was exported for
     * @param classes     class names in the model's output order
     * @param labelMap    model class → Triage label (pedestrian, cyclist, vehicle, ...); unmapped classes are dropped;
     *                    empty keeps every class under its own name
     * @param riders      mount class → rider label: a {@code person} box on such a mount becomes one rider detection
     *                    (e.g. {@code bicycle: cyclist}); empty pairs nothing
     */
    public record Yolo(int inputWidth, int inputHeight, java.util.List<String> classes,
                       java.util.Map<String, String> labelMap, java.util.Map<String, String> riders) {
        public Yolo {
            classes = classes == null ? java.util.List.of() : java.util.List.copyOf(classes);
            labelMap = labelMap == null ? java.util.Map.of() : java.util.Map.copyOf(labelMap);
            riders = riders == null ? java.util.Map.of() : java.util.Map.copyOf(riders);
        }
    }

    /**
     * @param model                 model name or path
     * @param minLanePoints         shortest lane kept
     * @param vehicleScoreThreshold minimum vehicle score
     * @param nmsIou                suppression IoU
     * @param maxDetections         cap per frame
     */
    public record Highway(String model, int minLanePoints, double vehicleScoreThreshold, double nmsIou,
                          int maxDetections) {
    }
}
