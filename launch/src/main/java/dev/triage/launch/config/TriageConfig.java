package dev.triage.launch.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.triage.experts.YoloSpec;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.gating.GatePolicyParams;
import dev.triage.gating.SpeedPrior;
import dev.triage.inference.RuntimeOptions;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.image.InputSize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of one Triage pipeline, as validated against {@code config/triage.schema.json}.
 * Field names map to snake_case YAML keys. The accessors that return domain records ({@link #pipelineSettings},
 * {@link Runtime#options()}, {@link Gate#policyParams()}, {@link ExpertConfig#detectionParams()}, ...) are the only
 * place those are built from configuration; {@link ConfigMapper} builds every one of them when the file is loaded,
 * so a value a record refuses is reported then, naming its YAML key.
 *
 * @param budgetMs         latency budget per frame
 * @param gateEveryNFrames run the gate on every n-th frame
 * @param maxImageSide     largest width and height of an input image
 * @param reducedJpegDecode decode JPEGs at reduced scale when the models' inputs allow it (see
 *                         {@link PipelineSettings#reducedJpegDecode()})
 * @param overlapExperts   run the previous frame's expert beside the gate (see
 *                         {@link PipelineSettings#overlapExperts()})
 * @param underLoadInputs  live nodes: run a detector at its under-load input when a frame's deadline leaves too
 *                         little time for the full one ({@link ExpertConfig#underLoadInputSize()})
 * @param modelsDir        folder of shipped models
 * @param runtime          inference runtime settings
 * @param gate             gate model and routing policy
 * @param experts          the experts by name, in configuration order (the packaged ones first)
 */
public record TriageConfig(double budgetMs, @JsonProperty("gate_every_n_frames") int gateEveryNFrames,
                           int maxImageSide, boolean reducedJpegDecode, boolean overlapExperts,
                           boolean underLoadInputs, String modelsDir, Runtime runtime, Gate gate,
                           Map<String, ExpertConfig> experts) {

    public TriageConfig {
        experts = Collections.unmodifiableMap(new LinkedHashMap<>(experts));
    }

    /**
     * The camera pipeline's settings (budget, gate frequency, pixel limit, JPEG scaling, expert overlap) with
     * {@code delivery}.
     */
    public PipelineSettings pipelineSettings(PipelineSettings.Delivery delivery) {
        return new PipelineSettings(Math.round(budgetMs * 1e6), gateEveryNFrames, delivery, maxImageSide,
                reducedJpegDecode, overlapExperts);
    }

    /**
     * @param device           "cpu" or "gpu"
     * @param intraOpThreads   torch intra-op threads
     * @param warmupIterations forward passes before serving
     * @param quantizedEngine  libtorch's int8 kernels (process-wide), see {@link RuntimeOptions#quantizedEngine()}
     * @param warmupFrames     live nodes: synthetic camera frames run through the whole frame path before the first
     *                         image (see {@link #frameWarmUps()})
     */
    public record Runtime(String device, int intraOpThreads, int warmupIterations, String quantizedEngine,
                          int warmupFrames) {

        /** Most {@code warmup_frames}. */
        public static final int MAX_WARMUP_FRAMES = 1000;

        /** The inference runtime options of every model. */
        public RuntimeOptions options() {
            return new RuntimeOptions(device, intraOpThreads, warmupIterations, quantizedEngine);
        }

        /**
         * How many synthetic frames a live node runs through decode, preprocessing, gate, every expert and their
         * output decoding before its first image, so that the JIT has compiled that path by then.
         *
         * @throws IllegalArgumentException outside [0, {@value #MAX_WARMUP_FRAMES}]
         */
        public int frameWarmUps() {
            if (warmupFrames < 0 || warmupFrames > MAX_WARMUP_FRAMES) {
                throw new IllegalArgumentException("warmupFrames must be in [0, " + MAX_WARMUP_FRAMES + "]: "
                        + warmupFrames);
            }
            return warmupFrames;
        }
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
         *                                  express ({@link ConfigMapper} checks this at load time)
         */
        public GatePolicyParams policyParams() {
            return new GatePolicyParams(smoothing, enterThreshold, minDwellFrames, uncertaintyBand, prior());
        }
    }

    /**
     * One entry of the {@code experts} map: which model serves which gate scenes, with the keys of its kind. The
     * schema allows each entry only the keys of one kind family (detector: centernet or yolo; lanes:
     * row_anchor_lanes) and the loader fills the omitted ones from the schema's defaults, so the keys of the other
     * family are null.
     *
     * @param kind                  the sidecar kind the entry expects, or null to take the sidecar's
     * @param model                 model name or path
     * @param scenes                gate classes this expert serves; empty leaves it unloaded
     * @param scoreThreshold        detector: minimum detection score
     * @param nmsIou                suppression IoU (detector boxes, or a lane expert's vehicles)
     * @param maxDetections         detections kept per frame
     * @param inputWidth            detector: input width for a fully convolutional model (sidecar kind
     *                              {@code yolo}); null keeps the sidecar's
     * @param inputHeight           detector: input height, as {@code inputWidth}
     * @param underLoadInputWidth   detector: a smaller input width (sidecar kind {@code yolo}) that the live node runs
     *                              when the full input's recent cost no longer fits a frame's remaining deadline;
     *                              null for none
     * @param underLoadInputHeight  detector: the smaller input's height, as {@code underLoadInputWidth}
     * @param yolo                  detector: set for a user's YOLOv5/v8-style model (no sidecar needed)
     * @param minLanePoints         lanes: shortest lane kept
     * @param continueLanes         lanes: continue each lane one anchor past its far end and to the frame's edge
     * @param vehicleScoreThreshold lanes: minimum vehicle score
     */
    public record ExpertConfig(String kind, String model, List<String> scenes, Double scoreThreshold, Double nmsIou,
                               Integer maxDetections, Integer inputWidth, Integer inputHeight,
                               Integer underLoadInputWidth, Integer underLoadInputHeight, Yolo yolo,
                               Integer minLanePoints, Boolean continueLanes, Double vehicleScoreThreshold) {

        public ExpertConfig {
            scenes = scenes == null ? List.of() : List.copyOf(scenes);
        }

        /** The YAML keys this entry sets besides {@code kind}, {@code model} and {@code scenes}, in schema order. */
        public List<String> parameterKeys() {
            List<String> keys = new ArrayList<>();
            addIfSet(keys, "score_threshold", scoreThreshold);
            addIfSet(keys, "nms_iou", nmsIou);
            addIfSet(keys, "max_detections", maxDetections);
            addIfSet(keys, "input_width", inputWidth);
            addIfSet(keys, "input_height", inputHeight);
            addIfSet(keys, "under_load_input_width", underLoadInputWidth);
            addIfSet(keys, "under_load_input_height", underLoadInputHeight);
            addIfSet(keys, "yolo", yolo);
            addIfSet(keys, "min_lane_points", minLanePoints);
            addIfSet(keys, "continue_lanes", continueLanes);
            addIfSet(keys, "vehicle_score_threshold", vehicleScoreThreshold);
            return keys;
        }

        private static void addIfSet(List<String> keys, String key, Object value) {
            if (value != null) {
                keys.add(key);
            }
        }

        /** The input size these settings ask for, when they set one (each side checked by {@link YoloSpec}). */
        public Optional<InputSize> inputSize() {
            return inputWidth == null || inputHeight == null ? Optional.empty()
                    : Optional.of(YoloSpec.checkInputSize(new InputSize(inputWidth, inputHeight)));
        }

        /** The under-load input these settings ask for, when they set one (each side checked by {@link YoloSpec}). */
        public Optional<InputSize> underLoadInputSize() {
            return underLoadInputWidth == null || underLoadInputHeight == null ? Optional.empty()
                    : Optional.of(YoloSpec.checkInputSize(new InputSize(underLoadInputWidth, underLoadInputHeight)));
        }

        /** These settings at input {@code size}, without an under-load input: the entry of the under-load copy. */
        public ExpertConfig atInputSize(InputSize size) {
            return new ExpertConfig(kind, model, scenes, scoreThreshold, nmsIou, maxDetections, size.width(),
                    size.height(), null, null, yolo, minLanePoints, continueLanes, vehicleScoreThreshold);
        }

        /** A detector's box thresholds (the shipped CenterNet model and a YOLO alike). */
        public DetectionParams detectionParams() {
            return new DetectionParams(scoreThreshold, maxDetections, nmsIou);
        }

        /** A lane expert's vehicle thresholds. */
        public DetectionParams vehicleParams() {
            return new DetectionParams(vehicleScoreThreshold, maxDetections, nmsIou);
        }

        /** A lane expert's lane decoding parameters. */
        public RowAnchorParams laneParams() {
            return new RowAnchorParams(minLanePoints, !Boolean.FALSE.equals(continueLanes));
        }
    }

    /**
     * A user-supplied YOLOv5/v8-style TorchScript detector (a detector expert's {@code yolo} section).
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

        /** The class names, each once (the model's output order; {@link YoloSpec} checks them again at load). */
        public java.util.List<String> uniqueClasses() {
            if (new java.util.HashSet<>(classes).size() != classes.size()) {
                throw new IllegalArgumentException("class names must be unique: " + classes);
            }
            return classes;
        }

        /** The input size the model was exported for (each side checked by {@link YoloSpec}). */
        public InputSize inputSize() {
            return YoloSpec.checkInputSize(new InputSize(inputWidth, inputHeight));
        }
    }
}
