package dev.triage.perception.pipeline;

import dev.triage.perception.spi.FrameProblem;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a pipeline has done so far.
 *
 * @param framesIn        frames handed to the pipeline
 * @param framesProcessed frames that produced a result
 * @param problems        frames that produced no result, by reason
 * @param deadlineMisses  results that arrived after their deadline
 * @param budgetMs        the latency budget per frame
 * @param latencyMs       latency per stage, {@code end_to_end} first
 * @param expertShare     fraction of processed frames on which each expert ran
 * @param gateSwitches    context switches decided by the gate policy
 * @param sceneAccuracy   fraction of scene-labelled frames whose context was right, when any were labelled
 * @param sinkErrors      times a result sink threw
 * @param sceneShare      fraction of processed frames decided as each scene, by scene name (sorted)
 */
public record PipelineSummary(long framesIn, long framesProcessed, Map<FrameProblem.Kind, Long> problems,
                              long deadlineMisses, double budgetMs, Map<String, LatencySummary> latencyMs,
                              Map<String, Double> expertShare, long gateSwitches, OptionalDouble sceneAccuracy,
                              long sinkErrors, Map<String, Double> sceneShare) {

    public PipelineSummary {
        problems = Map.copyOf(problems);
        latencyMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latencyMs));
        expertShare = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expertShare));
        sceneShare = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sceneShare));
    }

    /** Frames dropped unprocessed (replaced in the mailbox or stale). */
    public long framesDropped() {
        return problems.getOrDefault(FrameProblem.Kind.DROPPED_REPLACED, 0L)
                + problems.getOrDefault(FrameProblem.Kind.DROPPED_STALE, 0L);
    }

    /** Frames that failed to decode or infer. */
    public long framesFailed() {
        return problems.getOrDefault(FrameProblem.Kind.DECODE_FAILED, 0L)
                + problems.getOrDefault(FrameProblem.Kind.INFERENCE_FAILED, 0L);
    }
}
