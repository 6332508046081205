package dev.triage.fleet.exec;

import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A variant's configuration travels to an executor as YAML text plus job-unique model names, and comes back there
 * as the same configuration reading its models from the executor's files folder.
 */
class VariantConfigTest {
    static final Path REPO = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void aUserFileIsRebuiltOnTheExecutorWithItsKeysAndTheShippedModels() throws Exception {
        Path yaml = tmp.resolve("old.yaml");
        Files.writeString(yaml, "gate:\n  enter_threshold: 0.8\n");
        VariantConfig.Prepared prepared = VariantConfig.prepare("baseline", yaml.toString(), "gated", REPO);
        assertEquals(Files.readString(yaml), prepared.variant().configYaml());
        Path executorFiles = Files.createDirectories(tmp.resolve("spark-files"));
        for (Map.Entry<String, Path> f : prepared.modelFiles().entrySet()) {
            assertTrue(f.getKey().startsWith("baseline_"), f.getKey());
            Files.copy(f.getValue(), executorFiles.resolve(f.getKey()));
        }
        Files.delete(yaml); // the executor has no copy of the user's file
        TriageConfig onExecutor = VariantConfig.load(prepared.variant(), executorFiles);
        assertEquals(0.8, onExecutor.gate().enterThreshold());
        assertEquals("baseline_gate_" + fileBase(prepared.config().gate().model()), onExecutor.gate().model());
        ModelFiles gate = ModelFiles.resolve(executorFiles, onExecutor.modelsDir(), onExecutor.gate().model());
        assertTrue(Files.isRegularFile(gate.model()) && Files.isRegularFile(gate.sidecar()), gate.toString());
        onExecutor.experts().forEach((name, e) -> {
            if (!e.scenes().isEmpty()) {
                assertTrue(Files.isRegularFile(ModelFiles.resolve(executorFiles, onExecutor.modelsDir(), e.model())
                        .model()), name);
            }
        });
    }

    @Test
    void aProfileTravelsByNameAndABadFileIsRefusedOnTheDriverNamingIt() throws Exception {
        VariantConfig.Prepared fast = VariantConfig.prepare("candidate", "fast", "gated", REPO);
        assertNull(fast.variant().configYaml());
        TriageConfig onExecutor = VariantConfig.load(fast.variant(), tmp);
        assertEquals(fast.config().experts().keySet(), onExecutor.experts().keySet());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "gate:\n  enter_threshold: 7\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> VariantConfig.prepare("candidate", bad.toString(), "gated", REPO));
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
    }

    private static String fileBase(String reference) {
        String name = Path.of(reference).getFileName().toString();
        return name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
    }
}
