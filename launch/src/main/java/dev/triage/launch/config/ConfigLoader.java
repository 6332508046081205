package dev.triage.launch.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a YAML configuration, validates it against the JSON schema and merges it over the packaged defaults; then
 * {@link ConfigOverlay}s (ROS parameters, command-line overrides), each validated against the same schema first; then
 * builds every domain record once ({@link ConfigMapper}). Errors are one line naming the file or parameter source,
 * the key and the allowed values or range.
 *
 * <p>Instead of a file, a user may name a packaged profile ({@link #PROFILES}): {@code --config quality} loads
 * {@code config/profiles/quality.yaml} from the jar over the defaults, unless a file of that name exists.
 */
public final class ConfigLoader {
    private static final String SCHEMA = "/config/triage.schema.json";
    private static final String DEFAULTS = "/config/default.yaml";
    private static final String PROFILE_DIR = "/config/profiles/";

    /** The packaged profiles a user may name instead of a file (see the README's Configuration section). */
    public static final List<String> PROFILES = List.of("default", "quality", "fast", "gpu");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper binder = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final JsonNode schemaNode;
    private final JsonSchema schema;

    public ConfigLoader() {
        try (InputStream in = resource(SCHEMA)) {
            schemaNode = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("packaged schema " + SCHEMA + " unreadable", e);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    }

    /** The packaged defaults. */
    public TriageConfig defaults() {
        try {
            return load(Optional.empty());
        } catch (ConfigException e) {
            throw new IllegalStateException("packaged defaults are invalid: " + e.getMessage(), e);
        }
    }

    /** Loads {@code userFile} over the defaults, or just the defaults when empty. */
    public TriageConfig load(Optional<Path> userFile) throws ConfigException {
        return load(userFile, List.of());
    }

    /**
     * Loads {@code userFile} over the defaults and then each overlay in order (a later one wins); every document is
     * validated against the schema on its own, and the merged tree again, before any record is built.
     */
    public TriageConfig load(Optional<Path> userFile, List<ConfigOverlay> overlays) throws ConfigException {
        List<ConfigOverlay> layers = new ArrayList<>();
        layers.add(new ConfigOverlay(DEFAULTS, readDefaults()));
        if (userFile.isPresent()) {
            Path file = userFile.get();
            layers.add(new ConfigOverlay(file.toString(), isProfile(file) ? readProfile(file.toString())
                    : readUser(file)));
        }
        layers.addAll(overlays);
        ObjectNode merged = yaml.createObjectNode();
        for (ConfigOverlay layer : layers) {
            if (layer.tree().size() > 0 || layer.source().equals(DEFAULTS)) {
                validate(layer.tree(), layer.source());
                deepMerge(merged, layer.tree().deepCopy());
            }
        }
        validate(merged, DEFAULTS);
        return map(merged, key -> sourceOf(layers, key));
    }

    /**
     * Binds a merged tree (already validated, except in {@code ConfigBoundsTest}, which probes the records' bounds
     * without the schema) and builds every domain record ({@link ConfigMapper}).
     *
     * @param sourceOf the file or parameter source that set a dotted key, for messages
     */
    TriageConfig map(ObjectNode merged, Function<String, String> sourceOf) throws ConfigException {
        applyExpertDefaults(merged);
        TriageConfig config;
        try {
            config = binder.treeToValue(merged, TriageConfig.class);
        } catch (IOException e) {
            throw new ConfigException(sourceOf.apply("") + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        new ConfigMapper(merged, sourceOf).buildAll(config);
        return config;
    }

    /**
     * Refuses a number that is not finite anywhere in {@code node} ({@code --budget-ms NaN}, a NaN ROS parameter),
     * naming its dotted key: the schema's bounds cannot judge one.
     */
    private static void refuseNonFinite(JsonNode node, String key, String source) throws ConfigException {
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            throw new ConfigException(source + ": key '" + key + "' = " + node.asDouble() + " is not a finite number; "
                    + "every number in the configuration must be finite");
        }
        if (node.isObject()) {
            for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
                refuseNonFinite(field.getValue(), key.isEmpty() ? field.getKey() : key + "." + field.getKey(), source);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNonFinite(node.get(i), key + "[" + i + "]", source);
            }
        }
    }

    /** The last layer that sets the dotted {@code key}, or the user file (or defaults) when none does. */
    private static String sourceOf(List<ConfigOverlay> layers, String key) {
        String pointer = "/" + key.replace('.', '/');
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (!layers.get(i).tree().at(pointer).isMissingNode()) {
                return layers.get(i).source();
            }
        }
        return layers.get(Math.min(1, layers.size() - 1)).source();
    }

    /**
     * Fills the keys an expert entry omits with the schema's {@code default}s for its kind: the keys of
     * {@code experts.highway} for kind {@code row_anchor_lanes}, of {@code experts.urban} for any other kind (and for
     * {@code urban} and {@code highway} themselves by name). Only experts added by configuration omit any.
     */
    private void applyExpertDefaults(ObjectNode merged) {
        JsonNode experts = merged.path("experts");
        JsonNode shipped = schemaNode.path("properties").path("experts").path("properties");
        experts.fields().forEachRemaining(entry -> {
            if (!(entry.getValue() instanceof ObjectNode expert)) {
                return;
            }
            String kind = expert.path("kind").asText("");
            String family = kind.isEmpty() ? entry.getKey() : "row_anchor_lanes".equals(kind) ? "highway" : "urban";
            shipped.path(family).path("properties").fields().forEachRemaining(key -> {
                if (key.getValue().has("default") && !expert.has(key.getKey())) {
                    expert.set(key.getKey(), key.getValue().get("default"));
                }
            });
        });
    }

    /** Validates a parsed document; public for the schema test. */
    public void validate(JsonNode document, String fileName) throws ConfigException {
        refuseNonFinite(document, "", fileName);
        Set<ValidationMessage> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (ValidationMessage error : errors) {
            lines.add(describe(error, fileName));
        }
        lines.sort(String::compareTo);
        throw new ConfigException(String.join("; ", lines));
    }

    private String describe(ValidationMessage error, String fileName) {
        String key = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        JsonNode at = schemaOf(error, key);
        if ("additionalProperties".equals(error.getType())) {
            String unknown = error.getProperty();
            String where = key.isEmpty() ? unknown : key + "." + unknown;
            JsonNode props = at.path("properties");
            List<String> known = new ArrayList<>();
            props.fieldNames().forEachRemaining(known::add);
            return fileName + ": unknown key '" + where + "' (allowed here: " + String.join(", ", known) + ")";
        }
        if ("required".equals(error.getType())) {
            String missing = key.isEmpty() ? error.getProperty() : key + "." + error.getProperty();
            return fileName + ": key '" + missing + "' is missing (" + at.path("properties").path(error.getProperty())
                    .path("description").asText("required here") + ")";
        }
        if ("dependentRequired".equals(error.getType())) {
            String prefix = key.isEmpty() ? "" : key + ".";
            List<String> needed = new ArrayList<>();
            at.path("dependentRequired").path(error.getProperty()).forEach(n -> needed.add(prefix + n.asText()));
            return fileName + ": key '" + prefix + error.getProperty() + "' needs " + needed + " set as well";
        }
        JsonNode value = error.getInstanceNode();
        return fileName + ": key '" + key + "' = " + value + " is invalid; allowed: " + allowed(at);
    }

    /**
     * The schema object holding the keyword that failed, found through the error's schema location (which follows
     * {@code $ref}s, e.g. into the keys of {@code experts.urban} for an added expert); by the key's path otherwise.
     */
    private JsonNode schemaOf(ValidationMessage error, String dottedKey) {
        JsonNodePath fragment = error.getSchemaLocation() == null ? null : error.getSchemaLocation().getFragment();
        if (fragment != null && fragment.getNameCount() > 0) {
            JsonNode node = schemaNode;
            for (int i = 0; i < fragment.getNameCount() - 1 && !node.isMissingNode(); i++) {
                Object element = fragment.getElement(i);
                node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
            }
            if (node.isObject()) {
                return node;
            }
        }
        return schemaAt(dottedKey);
    }

    private JsonNode schemaAt(String dottedKey) {
        JsonNode node = schemaNode;
        if (dottedKey.isEmpty()) {
            return node;
        }
        for (String part : dottedKey.split("\\.")) {
            node = node.path("properties").path(part);
        }
        return node;
    }

    private static String allowed(JsonNode propertySchema) {
        if (propertySchema.has("enum")) {
            List<String> values = new ArrayList<>();
            propertySchema.get("enum").forEach(v -> values.add(v.asText()));
            return "one of " + values;
        }
        String type = propertySchema.path("type").asText("value");
        if (propertySchema.has("exclusiveMinimum") || propertySchema.has("exclusiveMaximum")) {
            boolean openLow = propertySchema.has("exclusiveMinimum");
            boolean openHigh = propertySchema.has("exclusiveMaximum");
            return type + " in " + (openLow ? "(" : "[")
                    + propertySchema.path(openLow ? "exclusiveMinimum" : "minimum").asText("-inf") + ", "
                    + propertySchema.path(openHigh ? "exclusiveMaximum" : "maximum").asText("inf")
                    + (openHigh ? ")" : "]");
        }
        if (propertySchema.has("minimum") || propertySchema.has("maximum")) {
            return type + " in [" + propertySchema.path("minimum").asText("-inf") + ", "
                    + propertySchema.path("maximum").asText("inf") + "]";
        }
        if (propertySchema.has("minLength")) {
            return "non-empty " + type;
        }
        if (propertySchema.path("uniqueItems").asBoolean(false)) {
            String items = propertySchema.path("items").path("type").asText("");
            return type + " of " + (items.isEmpty() ? "" : items + " ") + "items, each at most once";
        }
        return type;
    }

    private ObjectNode readDefaults() {
        try (InputStream in = resource(DEFAULTS)) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("packaged defaults " + DEFAULTS + " unreadable", e);
        }
    }

    private static boolean isProfile(Path file) {
        return !Files.exists(file) && PROFILES.contains(file.toString());
    }

    private JsonNode readProfile(String name) {
        try (InputStream in = resource(PROFILE_DIR + name + ".yaml")) {
            JsonNode node = yaml.readTree(in);
            return node == null || node.isNull() ? yaml.createObjectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException("packaged profile " + name + " unreadable", e);
        }
    }

    private JsonNode readUser(Path file) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": a folder, not a configuration file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found (or name a packaged profile: "
                    + String.join(", ", PROFILES) + ")");
        }
        JsonNode node = StrictYaml.read(file);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return yaml.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": top level must be a mapping of keys, found " + node.getNodeType());
        }
        UserFilePaths.anchor((ObjectNode) node, file.toAbsolutePath().normalize().getParent());
        return node;
    }

    private static void deepMerge(ObjectNode base, JsonNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                deepMerge(existingObject, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ConfigLoader.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
