package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triage.gating.GatePolicyParams;
import dev.triage.perception.pipeline.PipelineSettings;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds every domain record the configuration feeds, once, right after schema validation, so that a value a record
 * refuses is a {@link ConfigException} naming the YAML key (and the file or parameter source that set it) instead
 * of a stack trace or a message about some other file later. The records' {@link IllegalArgumentException}
 * messages start with the record component at fault; the tables here map those to YAML keys.
 * {@code ConfigBoundsTest} checks that the schema's bounds are the records' bounds, key by key.
 */
final class ConfigMapper {

    private static final Map<String, String> PIPELINE = Map.of("budget", "budget_ms",
            "gateEveryFrames", "gate_every_n_frames", "max image side", "max_image_side");
    private static final Map<String, String> RUNTIME = Map.of("intraOpThreads", "runtime.intra_op_threads",
            "warmupIterations", "runtime.warmup_iterations", "quantizedEngine", "runtime.quantized_engine",
            "warmupFrames", "runtime.warmup_frames");
    private static final Map<String, String> GATE = Map.of("alpha", "gate.smoothing",
            "enterThreshold", "gate.enter_threshold", "minDwellFrames", "gate.min_dwell_frames",
            "uncertainBelow", "gate.uncertainty_band", "speedPrior", "gate.enter_threshold");
    private static final Map<String, String> DETECTION = Map.of("scoreThreshold", "score_threshold",
            "maxDetections", "max_detections", "nmsIouThreshold", "nms_iou");
    private static final Map<String, String> VEHICLES = Map.of("scoreThreshold", "vehicle_score_threshold",
            "maxDetections", "max_detections", "nmsIouThreshold", "nms_iou");
    private static final Map<String, String> LANES = Map.of("minPoints", "min_lane_points",
            "continueLanes", "continue_lanes");
    private static final Map<String, String> INPUT = Map.of("inputSize.width", "input_width",
            "inputSize.height", "input_height");
    private static final Map<String, String> UNDER_LOAD_INPUT = Map.of("inputSize.width", "under_load_input_width",
            "inputSize.height", "under_load_input_height");

    private final JsonNode tree;
    private final Function<String, String> sourceOf;

    /**
     * @param tree     the validated, merged configuration tree (for the values in messages)
     * @param sourceOf the file or parameter source that set a dotted key, for messages
     */
    ConfigMapper(JsonNode tree, Function<String, String> sourceOf) {
        this.tree = tree;
        this.sourceOf = sourceOf;
    }

    /** Builds every domain record of {@code config}; the first refusal becomes a ConfigException naming its key. */
    void buildAll(TriageConfig config) throws ConfigException {
        build("", PIPELINE, "budget_ms", () -> config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS));
        build("", RUNTIME, "runtime.device", () -> config.runtime().options());
        build("", RUNTIME, "runtime.warmup_frames", () -> config.runtime().frameWarmUps());
        checkEnterThreshold(config.gate());
        build("", GATE, "gate", () -> config.gate().policyParams());
        for (Map.Entry<String, TriageConfig.ExpertConfig> e : config.experts().entrySet()) {
            String prefix = "experts." + e.getKey() + ".";
            TriageConfig.ExpertConfig expert = e.getValue();
            if (expert.scoreThreshold() != null) {
                build(prefix, DETECTION, prefix + "score_threshold", expert::detectionParams);
            }
            if (expert.minLanePoints() != null) {
                build(prefix, LANES, prefix + "min_lane_points", expert::laneParams);
                build(prefix, VEHICLES, prefix + "vehicle_score_threshold", expert::vehicleParams);
            }
            build(prefix, INPUT, prefix + "input_width", expert::inputSize);
            build(prefix, UNDER_LOAD_INPUT, prefix + "under_load_input_width", expert::underLoadInputSize);
            if (expert.yolo() != null) {
                build(prefix + "yolo.", INPUT, prefix + "yolo", () -> expert.yolo().inputSize());
                build(prefix + "yolo.", Map.of(), prefix + "yolo.classes", () -> expert.yolo().uniqueClasses());
            }
        }
    }

    /**
     * The rule between gate keys the schema cannot express, with the range it implies: the enter threshold must
     * stay above what the speed prior could reach on its own.
     */
    private void checkEnterThreshold(TriageConfig.Gate gate) throws ConfigException {
        double lowest = GatePolicyParams.minimumEnterThreshold(gate.prior());
        if (!(gate.enterThreshold() > lowest)) {
            String key = "gate.enter_threshold";
            throw new ConfigException(sourceOf.apply(key) + ": key '" + key + "' = " + gate.enterThreshold()
                    + " is invalid" + (gate.speedPrior() ? " while gate.speed_prior is on" : "")
                    + "; allowed: number in (" + lowest + ", 1]"
                    + (gate.speedPrior() ? " (speed alone must never switch the context)" : ""));
        }
    }

    private void build(String prefix, Map<String, String> keys, String fallbackKey, Supplier<?> builder)
            throws ConfigException {
        try {
            builder.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String key = keys.entrySet().stream().filter(k -> message.startsWith(k.getKey()))
                    .map(k -> prefix + k.getValue()).findFirst().orElse(fallbackKey);
            JsonNode value = tree.at("/" + key.replace('.', '/'));
            throw new ConfigException(sourceOf.apply(key) + ": key '" + key + "'"
                    + (value.isMissingNode() ? "" : " = " + value) + " is invalid: " + message, e);
        }
    }
}
