package dev.triage.launch.wiring;

import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.pipeline.PipelineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live nodes' stack (the shipped models, real loads).
 * <ul>
 *   <li>It loads each detector's under-load copy: the packaged defaults give the urban detector one at 416x256;
 *   replay's stack, {@code under_load_inputs: false} and a model that runs at one size only (the CenterNet file)
 *   give none; an under-load input as large as the full one is refused, naming the keys.</li>
 *   <li>Its frame-path warm-up ({@link FramePathWarmUp}) runs every synthetic frame through the gate and every
 *   expert without a failure; {@code runtime.warmup_frames: 0} skips it.</li>
 * </ul>
 */
class LiveStackTest {
    private static final Path REPO = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private TriageConfig config(String yaml) throws Exception {
        Path file = dir.resolve("user.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file));
    }

    private static ExpertSlot slot(PerceptionStack stack, String name) {
        return stack.experts().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theLiveStackHasTheDefaultDetectorsUnderLoadCopyAndReplaysDoesNot() throws Exception {
        TriageConfig defaults = new ConfigLoader().defaults();
        try (PerceptionStack live = StackFactory.createLive(defaults, REPO)) {
            ExpertSlot urban = slot(live, "urban");
            assertEquals(new InputSize(640, 384), urban.expert().inputSize());
            assertEquals(new InputSize(416, 256), urban.underLoad().inputSize());
            assertNull(slot(live, "highway").underLoad(), "the lane expert has no under-load input");
        }
        try (PerceptionStack replay = StackFactory.create(defaults, REPO)) {
            assertNull(slot(replay, "urban").underLoad());
        }
    }

    @Test
    void switchedOffOrOnAOneSizeModelTheLiveStackRunsTheFullInputOnly() throws Exception {
        try (PerceptionStack off = StackFactory.createLive(config("under_load_inputs: false\n"), REPO)) {
            assertNull(slot(off, "urban").underLoad());
        }
        // the CenterNet file has no size_multiple: the default's under-load keys do not apply to it (a warning)
        try (PerceptionStack centernet = StackFactory.createLive(config("experts:\n  urban:\n    model: urban\n"),
                REPO)) {
            assertNull(slot(centernet, "urban").underLoad());
        }
    }

    @Test
    void anUnderLoadInputAsLargeAsTheFullOneIsRefused() throws Exception {
        TriageConfig same = config("experts:\n  urban:\n    under_load_input_width: 640\n"
                + "    under_load_input_height: 384\n");
        StackFactory.StackException e = assertThrows(StackFactory.StackException.class,
                () -> StackFactory.createLive(same, REPO).close());
        assertTrue(e.getMessage().contains("experts.urban.under_load_input_width/under_load_input_height = 640x384 "
                + "must have fewer pixels than the input 640x384"), e.getMessage());
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
