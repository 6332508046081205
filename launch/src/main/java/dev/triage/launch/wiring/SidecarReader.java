package dev.triage.launch.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.experts.HighwaySpec;
import dev.triage.experts.UrbanSpec;
import dev.triage.experts.YoloSpec;
import dev.triage.experts.decode.RiderRule;
import dev.triage.gating.GateSpec;
import dev.triage.inference.RuntimeOptions;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a model's sidecar JSON (see training/CONTRACTS.md) into the spec record its Java wrapper needs, combined
 * with the thresholds from the configuration. Errors name the sidecar and the key.
 */
public final class SidecarReader {
    private final ObjectMapper mapper = new ObjectMapper();

    /** The gate's spec: input size and classes (the scene names); a bad class list is named with the sidecar. */
    public GateSpec gate(Path sidecar) throws StackFactory.StackException {
        JsonNode n = read(sidecar, "scene_classifier");
        return build(sidecar, () -> new GateSpec(inputSize(sidecar, n), strings(sidecar, n, "classes")));
    }

    /** The spec of a CenterNet detector (kind {@code centernet}, like the shipped urban expert). */
    public UrbanSpec centernet(Path sidecar, TriageConfig.ExpertConfig config) throws StackFactory.StackException {
        JsonNode n = read(sidecar, "centernet");
        return build(sidecar, () -> new UrbanSpec(inputSize(sidecar, n), integer(sidecar, n, "stride"),
                strings(sidecar, n, "classes"), config.detectionParams()));
    }

    /**
     * Whether the model runs at inputs other than its sidecar's: its sidecar gives a {@code size_multiple} (a fully
     * convolutional model, like the shipped NanoDet). A model without a sidecar does not.
     */
    public boolean resizable(Path sidecar) throws StackFactory.StackException {
        return Files.isRegularFile(sidecar) && read(sidecar, null).path("size_multiple").asInt(0) > 0;
    }

    /**
     * Refuses a model whose sidecar says {@code "precision": "int8"} on a GPU: libtorch's quantized kernels run on the
     * CPU only, so the float file of the same network is the one to configure there. A model without a sidecar (a
     * user's detector described in the YAML) passes: it is float unless its own file says otherwise.
     *
     * @param key the model's YAML key, e.g. {@code experts.urban}, for the message
     */
    public void checkDevice(Path sidecar, String key, RuntimeOptions runtime) throws StackFactory.StackException {
        if (!Files.isRegularFile(sidecar)) {
            return;
        }
        String precision = read(sidecar, null).path("precision").asText("float32");
        if ("int8".equals(precision) && runtime.isGpu()) {
            throw new StackFactory.StackException(sidecar + ": an int8 model runs on the CPU only, but runtime.device "
                    + "is " + runtime.device() + "; set " + key + ".model to the float file of the same network (the "
                    + "quality profile does: --config quality)");
        }
    }

    /** The sidecar's {@code kind} (which Java wrapper loads the model), e.g. {@code centernet} or {@code yolo}. */
    public String kind(Path sidecar) throws StackFactory.StackException {
        return read(sidecar, null).path("kind").asText("");
    }

    /**
     * The spec of a shipped YOLO-layout detector (kind {@code yolo}): classes, label map and riders from the sidecar,
     * thresholds from the configuration, and the input size from the configuration when it sets one (the model is
     * fully convolutional: any multiple of the sidecar's {@code size_multiple}), else from the sidecar.
     *
     * @param key the expert's YAML key, e.g. {@code experts.urban}, for the messages
     */
    public YoloSpec yolo(Path sidecar, String key, TriageConfig.ExpertConfig config)
            throws StackFactory.StackException {
        JsonNode n = read(sidecar, "yolo");
        InputSize size = config.inputSize().orElse(null);
        if (size == null) {
            size = inputSize(sidecar, n);
        } else {
            int multiple = n.has("size_multiple") ? integer(sidecar, n, "size_multiple") : 0;
            if (multiple == 0 && !size.equals(inputSize(sidecar, n))) {
                throw new StackFactory.StackException(sidecar + ": the model takes only "
                        + inputSize(sidecar, n) + ", but " + key + ".input_width/input_height ask for " + size);
            }
            if (multiple > 0 && (size.width() % multiple != 0 || size.height() % multiple != 0)) {
                throw new StackFactory.StackException(key + ".input_width/input_height = " + size
                        + " is invalid for " + sidecar + ": both must be multiples of " + multiple);
            }
        }
        InputSize input = size;
        List<String> classes = strings(sidecar, n, "classes");
        Map<String, String> labelMap = stringMap(sidecar, n, "label_map");
        RiderRule riders = new RiderRule("person", stringMap(sidecar, n, "riders"));
        return build(sidecar, () -> new YoloSpec(input, classes, labelMap, riders, config.detectionParams()));
    }

    /** The spec of a row-anchor lane expert (kind {@code row_anchor_lanes}, like the shipped highway expert). */
    public HighwaySpec rowAnchorLanes(Path sidecar, TriageConfig.ExpertConfig config)
            throws StackFactory.StackException {
        JsonNode n = read(sidecar, "row_anchor_lanes");
        return build(sidecar, () -> new HighwaySpec(inputSize(sidecar, n), integer(sidecar, n, "lanes"),
                integer(sidecar, n, "grid_cells"), numbers(sidecar, n, "row_anchors"), integer(sidecar, n, "stride"),
                strings(sidecar, n, "classes"),
                config.vehicleParams(), config.laneParams()));
    }

    private JsonNode read(Path sidecar, String expectedKind) throws StackFactory.StackException {
        if (!Files.isRegularFile(sidecar)) {
            throw new StackFactory.StackException(sidecar + ": model sidecar not found (every model needs its .json)");
        }
        JsonNode n;
        try {
            n = mapper.readTree(sidecar.toFile());
        } catch (IOException e) {
            throw new StackFactory.StackException(sidecar + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new StackFactory.StackException(sidecar + ": not a JSON object (a model sidecar is {\"kind\": ..., "
                    + "\"input_width\": ..., ...})");
        }
        String kind = n.path("kind").asText("");
        if (expectedKind != null && !expectedKind.equals(kind)) {
            throw new StackFactory.StackException(sidecar + ": key 'kind' is '" + kind + "', expected '" + expectedKind + "'");
        }
        return n;
    }

    private interface SpecBuilder<T> {
        T build() throws StackFactory.StackException;
    }

    private static <T> T build(Path sidecar, SpecBuilder<T> builder) throws StackFactory.StackException {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new StackFactory.StackException(sidecar + ": " + e.getMessage());
        }
    }

    private static JsonNode require(Path sidecar, JsonNode n, String key) throws StackFactory.StackException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new StackFactory.StackException(sidecar + ": missing key '" + key + "'");
        }
        return v;
    }

    private static int integer(Path sidecar, JsonNode n, String key) throws StackFactory.StackException {
        JsonNode v = require(sidecar, n, key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new StackFactory.StackException(sidecar + ": key '" + key + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static InputSize inputSize(Path sidecar, JsonNode n) throws StackFactory.StackException {
        return build(sidecar, () -> new InputSize(integer(sidecar, n, "input_width"), integer(sidecar, n, "input_height")));
    }

    private static Map<String, String> stringMap(Path sidecar, JsonNode n, String key)
            throws StackFactory.StackException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new StackFactory.StackException(sidecar + ": key '" + key + "' must be an object of strings, got " + v);
        }
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> strings(Path sidecar, JsonNode n, String key) throws StackFactory.StackException {
        return array(sidecar, n, key, "strings", JsonNode::isTextual, JsonNode::asText);
    }

    private static List<Double> numbers(Path sidecar, JsonNode n, String key) throws StackFactory.StackException {
        return array(sidecar, n, key, "numbers", JsonNode::isNumber, JsonNode::asDouble);
    }

    /** The elements of the array at {@code key}, each of which must pass {@code is}. */
    private static <T> List<T> array(Path sidecar, JsonNode n, String key, String of, Predicate<JsonNode> is,
                                     Function<JsonNode, T> as) throws StackFactory.StackException {
        JsonNode v = require(sidecar, n, key);
        List<T> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!is.test(e)) {
                break;
            }
            out.add(as.apply(e));
        }
        if (!v.isArray() || out.size() != v.size()) {
            throw new StackFactory.StackException(sidecar + ": key '" + key + "' must be an array of " + of + ", got "
                    + v);
        }
        return out;
    }
}
