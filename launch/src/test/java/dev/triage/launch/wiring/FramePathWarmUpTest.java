package dev.triage.launch.wiring;

import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.pipeline.PipelineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live nodes' frame-path warm-up on the shipped models (real loads): every synthetic frame goes through the
 * gate and every expert without a failure, and {@code runtime.warmup_frames: 0} skips it.
 */
class FramePathWarmUpTest {
    private static final Path REPO = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private TriageConfig config(String yaml) throws Exception {
        Path file = dir.resolve("user.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file));
    }

    @Test
    void everyFrameRunsTheGateAndEveryExpert() throws Exception {
        TriageConfig config = config("runtime:\n  warmup_frames: 6\n");
        try (PerceptionStack stack = StackFactory.createLive(config, REPO)) {
            PipelineSummary summary = FramePathWarmUp.run(stack, config).orElseThrow();
            assertEquals(6, summary.framesProcessed(), () -> "problems: " + summary.problems());
            assertEquals(0, summary.framesFailed() + summary.framesDropped(), summary.problems()::toString);
            assertEquals(Map.of("urban", 1.0, "highway", 1.0), summary.expertShare());
            assertTrue(summary.latencyMs().containsKey("gate"), summary.latencyMs()::toString);
        }
    }

    @Test
    void zeroFramesSkipsIt() throws Exception {
        TriageConfig config = config("runtime:\n  warmup_frames: 0\n");
        try (PerceptionStack stack = StackFactory.createLive(config, REPO)) {
            assertTrue(FramePathWarmUp.run(stack, config).isEmpty());
        }
    }
}
