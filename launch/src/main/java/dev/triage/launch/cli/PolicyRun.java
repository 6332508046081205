package dev.triage.launch.cli;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.pipeline.PipelineSummary;

import java.util.Map;
import java.util.Optional;

/** One policy's outcome in {@code triage eval}: over all frames and per source (set folder). */
record PolicyRun(EvaluationReport report, Map<String, EvaluationReport> bySource, PipelineSummary summary) {

    /** The pedestrian metrics over all frames, when any frame had complete pedestrian boxes. */
    Optional<ClassMetrics> pedestrian() {
        return pedestrian(report);
    }

    /** The pedestrian metrics of {@code report}, when it had complete pedestrian boxes. */
    static Optional<ClassMetrics> pedestrian(EvaluationReport report) {
        return Optional.ofNullable(report.detections().get(ObjectClass.PEDESTRIAN)).filter(m -> m.groundTruth() > 0);
    }
}
