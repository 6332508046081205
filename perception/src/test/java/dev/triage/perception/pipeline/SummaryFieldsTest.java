package dev.triage.perception.pipeline;

import dev.triage.perception.spi.FrameProblem;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryFieldsTest {

    @Test
    void oneVocabularyInAFixedOrderWithEveryProblemKindAndTheLatencyShapePerStage() {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        latency.put("end_to_end", new LatencySummary(3, 20, 40, 41, 25));
        latency.put("gate", new LatencySummary(3, 2, 3, 3, 2.5));
        PipelineSummary s = new PipelineSummary(5, 3, Map.of(FrameProblem.Kind.DROPPED_REPLACED, 1L,
                FrameProblem.Kind.DECODE_FAILED, 1L), 1, 50, latency, Map.of("urban", 1.0), 0,
                OptionalDouble.of(0.5), 2, Map.of("urban", 1.0));
        Map<String, Number> f = SummaryFields.of(s);
        assertEquals(List.of("frames_in", "frames_processed", "frames_dropped", "frames_failed", "deadline_misses",
                "budget_ms", "gate_switches", "errors.dropped_replaced", "errors.dropped_stale",
                "errors.decode_failed", "errors.inference_failed", "errors.sink", "latency_ms.end_to_end.p50",
                "latency_ms.end_to_end.p99", "latency_ms.end_to_end.max", "latency_ms.end_to_end.mean",
                "latency_ms.end_to_end.count", "latency_ms.gate.p50", "latency_ms.gate.p99", "latency_ms.gate.max",
                "latency_ms.gate.mean", "latency_ms.gate.count", "expert_share.urban", "scene_share.urban",
                "scene_accuracy"), List.copyOf(f.keySet()));
        assertEquals(1L, f.get("frames_dropped"));
        assertEquals(1L, f.get("frames_failed"));
        assertEquals(0L, f.get("errors.dropped_stale"));
        assertEquals(2L, f.get("errors.sink"));
        assertEquals(40.0, f.get("latency_ms.end_to_end.p99"));
        assertEquals(3L, f.get("latency_ms.gate.count"));
    }
}
