package dev.triage.launch.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ros2ParamsFileTest {

    @TempDir
    Path dir;

    @Test
    void rosParametersOfThisNodeAreAConfigDocument() throws Exception {
        Path f = dir.resolve("triage.param.yaml");
        Files.writeString(f, """
                /**:
                  ros__parameters:
                    budget_ms: 80
                    image_transport: raw
                /perception/triage:
                  ros__parameters:
                    gate_every_n_frames: 2
                /other_node:
                  ros__parameters:
                    budget_ms: 999
                """);
        ObjectNode p = Ros2ParamsFile.read(f, "/perception/triage");
        assertEquals(80, p.get("budget_ms").asInt());
        assertEquals(2, p.get("gate_every_n_frames").asInt());
        RosParameters split = RosParameters.split(p);
        assertEquals("raw", split.node().get("image_transport"));
        assertFalse(split.config().has("image_transport"));
        TriageConfig c = new ConfigLoader().load(Optional.empty(), List.of(split.overlay(f.toString())));
        assertEquals(80.0, c.budgetMs(), 1e-9);
        assertEquals(2, c.gateEveryNFrames());
    }

    @Test
    void schemaViolationsNameFileAndKey() throws Exception {
        Path f = dir.resolve("bad.param.yaml");
        Files.writeString(f, "/**:\n  ros__parameters:\n    budget_ms: 5000\n    bogus_key: 1\n");
        ObjectNode p = Ros2ParamsFile.read(f, "/triage");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(Optional.empty(), List.of(new ConfigOverlay(f.toString(), p))));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("budget_ms"), e.getMessage());
        assertTrue(e.getMessage().contains("bogus_key"), e.getMessage());
        Path g = dir.resolve("flat.yaml");
        Files.writeString(g, "budget_ms: 50\n");
        assertFalse(assertThrows(ConfigException.class, () -> Ros2ParamsFile.read(g, "/triage")).getMessage()
                .isEmpty());
    }
}
