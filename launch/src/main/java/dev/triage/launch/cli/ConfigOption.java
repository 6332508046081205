package dev.triage.launch.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --config FILE} of {@code replay}, {@code eval}, {@code bench} and {@code node} (a picocli mixin): the YAML
 * configuration over the defaults, or a packaged profile.
 */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration over the defaults "
            + "(schema: launch/src/main/resources/config/triage.schema.json), or a packaged profile: default, fast, "
            + "quality, gpu (the quality files on CUDA device 0; needs the cu124 build).")
    Path file;

    /** The file or profile, when given. */
    Optional<Path> given() {
        return Optional.ofNullable(file);
    }
}
