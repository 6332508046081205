package dev.triage.datasets.eval;

import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.StageTimings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scene confusion by name, for any number of scenes. */
class EvaluationSinkTest {
    private static final List<String> THREE = List.of("urban", "highway", "night");

    private static PerceptionResult result(String truth, String decided, String rawLikeliest) {
        SceneProbabilities raw = SceneProbabilities.certain(THREE, rawLikeliest);
        SceneContext c = new SceneContext(decided, raw, raw, List.of(decided), false, 0);
        return new PerceptionResult(0, 0, "cam", 64, 48, c, List.of(decided), List.of(), List.of(),
                new StageTimings.Builder().build(), 1, true, Optional.of(GroundTruth.sceneOnly(truth)));
    }

    @Test
    void confusionIsASquareOverTheGatesScenesAndEveryLabelFound() throws Exception {
        EvaluationSink sink = new EvaluationSink();
        sink.accept(result("night", "night", "night"));
        sink.accept(result("night", "urban", "night"));
        sink.accept(result("urban", "urban", "urban"));
        sink.accept(result("tunnel", "highway", "highway"));
        EvaluationReport r = sink.report();
        assertEquals(List.of("urban", "highway", "night", "tunnel"), r.scenes());
        assertEquals(Map.of("urban", 1L, "highway", 0L, "night", 1L, "tunnel", 0L), r.sceneConfusion().get("night"));
        assertEquals(0L, r.sceneConfusion().get("highway").get("highway"));
        assertEquals(1L, r.sceneConfusion().get("tunnel").get("highway"));
        assertEquals(4, r.sceneFrames());
        assertEquals(0.5, r.sceneAccuracy().orElseThrow(), 1e-12);
        assertEquals(0.75, r.rawSceneAccuracy().orElseThrow(), 1e-12);
    }
}
