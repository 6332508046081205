package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A ROS 2 parameter file ({@code --params-file}): top-level keys are node names ({@code /**} for every node, the
 * fully qualified name, or the name without its leading slash), each holding {@code ros__parameters}. The sections
 * that apply to this node are merged in file order. {@link RosParameters#split(JsonNode)} takes the node's own
 * keys out; what remains is a Triage configuration document, laid over the YAML config and validated against the
 * same schema ({@link ConfigLoader#load(java.util.Optional, java.util.List)}).
 */
public final class Ros2ParamsFile {

    private Ros2ParamsFile() {
    }

    /** The parameters of {@code nodeName} (e.g. {@code /perception/triage}) in {@code file}. */
    public static ObjectNode read(Path file, String nodeName) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": parameter file not found");
        }
        JsonNode root = StrictYaml.read(file);
        ObjectNode out = new ObjectMapper().createObjectNode();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": top level must map node names to ros__parameters");
        }
        String simple = nodeName.substring(nodeName.lastIndexOf('/') + 1);
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> section = it.next();
            JsonNode params = section.getValue().path("ros__parameters");
            if (!params.isObject()) {
                throw new ConfigException(file + ": section '" + section.getKey() + "' has no ros__parameters mapping");
            }
            String key = section.getKey();
            if (key.equals("/**") || key.equals(nodeName) || key.equals(nodeName.substring(1)) || key.equals(simple)
                    || key.equals("/**/" + simple)) {
                out.setAll((ObjectNode) params);
            }
        }
        return out;
    }
}
