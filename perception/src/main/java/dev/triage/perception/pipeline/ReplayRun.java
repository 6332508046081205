package dev.triage.perception.pipeline;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * Outcome of replaying one source to its end.
 *
 * @param summary     what the pipeline did
 * @param sourceError why the source ended early, if it did (for example a truncated file)
 */
public record ReplayRun(PipelineSummary summary, Optional<SourceException> sourceError) {
}
