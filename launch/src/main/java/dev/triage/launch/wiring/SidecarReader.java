package dev.triage.launch.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.experts.HighwaySpec;
import dev.triage.experts.UrbanSpec;
import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.decode.RowAnchorParams;
import dev.triage.gating.GateSpec;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model's sidecar JSON (see training/CONTRACTS.md) into the spec record its Java wrapper needs, combined
 * with the thresholds from the configuration. Errors name the sidecar and the key.
 */
public final class SidecarReader {
    private final ObjectMapper mapper = new ObjectMapper();

    /** The gate's spec. */
    public GateSpec gate(Path sidecar) throws StackFactory.StackException {
        JsonNode n = read(sidecar, "scene_classifier");
        return new GateSpec(inputSize(sidecar, n), strings(sidecar, n, "classes"));
    }

    /** The urban expert's spec. */
    public UrbanSpec urban(Path sidecar, TriageConfig.Urban config) throws StackFactory.StackException {
        JsonNode n = read(sidecar, "centernet");
        return build(sidecar, () -> new UrbanSpec(inputSize(sidecar, n), integer(sidecar, n, "stride"),
                strings(sidecar, n, "classes"), config.detectionParams()));
    }

    /** The highway expert's spec. */
    public HighwaySpec highway(Path sidecar, TriageConfig.Highway config) throws StackFactory.StackException {
        JsonNode n = read(sidecar, "row_anchor_lanes");
        List<Double> anchors = new ArrayList<>();
        require(sidecar, n, "row_anchors").forEach(a -> anchors.add(a.asDouble()));
        return build(sidecar, () -> new HighwaySpec(inputSize(sidecar, n), integer(sidecar, n, "lanes"),
                integer(sidecar, n, "grid_cells"), anchors, integer(sidecar, n, "stride"),
                strings(sidecar, n, "classes"),
                new DetectionParams(config.vehicleScoreThreshold(), config.maxDetections(), config.nmsIou()),
                new RowAnchorParams(config.minLanePoints())));
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
        String kind = n.path("kind").asText("");
        if (!expectedKind.equals(kind)) {
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

    private static List<String> strings(Path sidecar, JsonNode n, String key) throws StackFactory.StackException {
        List<String> out = new ArrayList<>();
        require(sidecar, n, key).forEach(v -> out.add(v.asText()));
        return out;
    }
}
