package dev.triage.ros.node;

import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.StageTimings;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.std.Header;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code ~context} message names the gate's scenes, however many there are, in the existing layout; lanes carry
 * their point confidences.
 */
class RosResultSinkTest {

    @Test
    void contextCarriesEveryGateSceneWithItsProbabilities() {
        List<String> three = List.of("urban", "highway", "night");
        SceneProbabilities smoothed = new SceneProbabilities(three, List.of(0.25, 0.25, 0.5));
        SceneProbabilities raw = new SceneProbabilities(three, List.of(0.1, 0.2, 0.7));
        SceneContext c = new SceneContext("night", smoothed, raw, List.of("night", "urban"), true, 3);
        PerceptionResult r = new PerceptionResult(7, 1_000_000_000L, "cam", 64, 48, c, List.of("night_boxes", "urban"),
                List.of(), List.of(), new StageTimings.Builder().build(), 12_000_000L, true,
                Optional.of(GroundTruth.sceneOnly("night")));
        var msg = RosResultSink.context(new Header(7, Time.ofNanos(1_000_000_000L), "cam"), r);
        assertEquals("night", msg.scene());
        assertEquals(three, msg.scenes());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.5f}, msg.probabilities());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.7f}, msg.rawProbabilities());
        assertEquals(List.of("night_boxes", "urban"), msg.expertsRun());
        assertEquals(3, msg.switchCount());
        assertEquals(true, msg.uncertain());
    }

    @Test
    void lanesCarryOneConfidencePerPointWithContinuedPointsAtZero() {
        SceneProbabilities p = new SceneProbabilities(List.of("urban", "highway"), List.of(0.1, 0.9));
        SceneContext c = new SceneContext("highway", p, p, List.of("highway"), false, 0);
        Lane continued = new Lane(2, List.of(new Point(10, 20), new Point(12, 30), new Point(14, 40)), 0.8,
                List.of(0.0, 0.8, 0.8));
        Lane plain = new Lane(1, List.of(new Point(1, 20), new Point(2, 30)), 0.5);
        PerceptionResult r = new PerceptionResult(7, 1_000_000_000L, "cam", 64, 48, c, List.of("highway"),
                List.of(), List.of(continued, plain), new StageTimings.Builder().build(), 12_000_000L, true,
                Optional.empty());
        var msg = RosResultSink.laneArray(new Header(7, Time.ofNanos(1_000_000_000L), "cam"), r);
        assertArrayEquals(new float[] {0f, 0.8f, 0.8f}, msg.lanes().get(0).pointConfidence());
        assertArrayEquals(new float[0], msg.lanes().get(1).pointConfidence());
    }
}
