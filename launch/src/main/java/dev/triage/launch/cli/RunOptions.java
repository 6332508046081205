package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.ConfigOverlay;
import dev.triage.launch.config.TriageConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The options of a pipeline run that {@code replay} and {@code eval} share (a picocli mixin): the output folder, the
 * configuration of the run, that is the YAML file over the defaults, with {@code --budget-ms} laid over it as an
 * override of {@code budget_ms} (validated by the schema like the file, and named {@code --budget-ms} in errors), the
 * frame limit, a recording's topics and labels, and the throughput mode.
 */
final class RunOptions {

    @Mixin
    RecordingOptions recording = new RecordingOptions();

    @Mixin
    ThroughputOptions throughput = new ThroughputOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Mixin
    ConfigOption configOption = new ConfigOption();

    @Option(names = "--budget-ms", paramLabel = "MS", description = "Latency budget per frame (default from config: 50).")
    Double budgetMs;

    @Option(names = "--frames", paramLabel = "N", description = "Use only the first N frames of the source.")
    Long frames;

    /** A usage error in these options, if any: {@code --frames} below 1, or a lane count out of range. */
    Optional<String> problem() {
        if (frames != null && frames < 1) {
            return Optional.of("--frames: must be at least 1, got " + frames);
        }
        return throughput.problem();
    }

    /**
     * Creates the {@code --out} folder and checks that a file can be written in it, so that a bad {@code --out} (an
     * existing file, {@code /proc/...}, a read-only place) is a one-line error before any model loads.
     *
     * @return the error naming {@code --out}, if any
     */
    Optional<String> prepareOut() {
        try {
            Files.createDirectories(out);
            Files.delete(Files.createTempFile(out, ".triage-write-check", ""));
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            return Optional.of("--out " + out + ": exists and is not a folder");
        } catch (IOException e) {
            return Optional.of("--out " + out + ": cannot create or write the folder (" + CliErrors.describe(e) + ")");
        }
    }

    /** {@code --frames} when given. */
    OptionalLong frames() {
        return frames == null ? OptionalLong.empty() : OptionalLong.of(frames);
    }

    /** The most frames to run: {@code --frames}, else no limit. */
    long maxFrames() {
        return frames().orElse(Long.MAX_VALUE);
    }

    /** Loads {@code --config} (or the defaults) with {@code --budget-ms} applied when given. */
    TriageConfig config() throws ConfigException {
        List<ConfigOverlay> overrides = budgetMs == null ? List.of()
                : List.of(new ConfigOverlay("--budget-ms", new ObjectMapper().createObjectNode()
                        .put("budget_ms", budgetMs)));
        return new ConfigLoader().load(configOption.given(), overrides);
    }
}
