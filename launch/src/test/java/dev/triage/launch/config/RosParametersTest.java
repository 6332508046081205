package dev.triage.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROS parameters are overrides on the configuration tree, validated by the schema before any record is built. */
class RosParametersTest {
    private final ConfigLoader loader = new ConfigLoader();

    private TriageConfig load(Map<String, ?> params) throws ConfigException {
        return loader.load(Optional.empty(), List.of(RosParameters.split(params).overlay("ROS parameters of /triage")));
    }

    @Test
    void aFractionalGateFrequencyIsRefusedNamingTheKeyNotTruncated() {
        String msg = assertThrows(ConfigException.class, () -> load(Map.of("gate_every_n_frames", 2.7))).getMessage();
        assertEquals("ROS parameters of /triage: key 'gate_every_n_frames' = 2.7 is invalid; allowed: integer in "
                + "[1, 100]", msg);
    }

    @Test
    void nodeKeysStayWithTheNodeAndTheRestOverridesTheConfiguration() throws Exception {
        RosParameters p = RosParameters.split(Map.of("budget_ms", 40, "image_transport", "compressed",
                "use_speed", true, "gate.smoothing", 0.5, "gate", Map.of("min_dwell_frames", 3), "max_image_side", 4096));
        assertEquals(Map.of("image_transport", "compressed", "use_speed", true), p.node());
        TriageConfig c = loader.load(Optional.empty(), List.of(p.overlay("-p parameters")));
        assertEquals(40.0, c.budgetMs());
        assertEquals(0.5, c.gate().smoothing());
        assertEquals(3, c.gate().minDwellFrames());
        assertEquals(0.7, c.gate().enterThreshold(), "keys the parameters do not set keep the YAML's");
        assertEquals(4096, c.maxImageSide());
    }

    @Test
    void anUnknownParameterAndABadCrossKeyValueAreNamed() {
        String msg = assertThrows(ConfigException.class, () -> load(Map.of("budget", 40))).getMessage();
        assertTrue(msg.startsWith("ROS parameters of /triage: unknown key 'budget'"), msg);
        msg = assertThrows(ConfigException.class, () -> load(Map.of("gate.enter_threshold", 0.55))).getMessage();
        assertTrue(msg.startsWith("ROS parameters of /triage: key 'gate.enter_threshold' = 0.55 is invalid"), msg);
    }

    @Test
    void theShippedRosParameterFileIsValid() throws Exception {
        Path file = repoRoot().resolve("ros-pkg/triage/config/triage_params.yaml");
        JsonNode params = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        RosParameters split = RosParameters.split(params);
        assertFalse(split.config().isEmpty(), "the file sets configuration keys: " + params);
        TriageConfig c = loader.load(Optional.empty(), List.of(split.overlay(file.toString())));
        assertEquals(50.0, c.budgetMs());
        assertTrue(split.node().keySet().containsAll(List.of("image_transport", "config", "use_speed")),
                split.node().toString());
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ros-pkg"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no ros-pkg above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
