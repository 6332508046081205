package dev.triage.experts.decode;

import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The output cap applies after NMS: a crowd's many overlapping candidates cannot push out the people beside it. */
class YoloDecoderTest {

    private static final InputSize INPUT = new InputSize(320, 240);

    private static YoloDecoder personDecoder(int maxDetections) {
        return new YoloDecoder(List.of("person"), Map.of("person", "pedestrian"), RiderRule.none(),
                new DetectionParams(0.2, maxDetections, 0.5));
    }

    /** YOLOv8 layout [1, 4 + 1, N] from rows {cx, cy, w, h, score}. */
    private static float[] v8(List<float[]> candidates) {
        int n = candidates.size();
        float[] v = new float[5 * n];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < 5; a++) {
                v[a * n + k] = candidates.get(k)[a];
            }
        }
        return v;
    }

    @Test
    void aPersonBesideACrowdOfOverlappingCandidatesIsKept() {
        List<float[]> candidates = new ArrayList<>();
        for (int k = 0; k < 150; k++) {  // one person seen by 150 neighbouring cells: one box after NMS
            candidates.add(new float[] {20 + k * 0.01f, 50, 40, 100, 0.9f - k * 0.002f});
        }
        candidates.add(new float[] {220, 50, 40, 100, 0.3f});  // a second person, weaker than every crowd candidate
        List<Detection> out = personDecoder(100).decode(v8(candidates), 5, candidates.size(), INPUT, 320, 240);
        assertEquals(2, out.size(), out.toString());
        assertEquals(200, out.get(1).box().x1(), 1e-3);
    }

    @Test
    void maxDetectionsKeepsTheBestSurvivors() {
        List<float[]> candidates = new ArrayList<>();
        for (int k = 0; k < 5; k++) {  // five separate people, scores 0.3 .. 0.7
            candidates.add(new float[] {20 + 60 * k, 50, 40, 100, 0.3f + 0.1f * k});
        }
        List<Detection> out = personDecoder(3).decode(v8(candidates), 5, candidates.size(), INPUT, 320, 240);
        assertEquals(List.of(0.7, 0.6, 0.5), out.stream().map(d -> Math.round(d.score() * 10) / 10.0).toList());
    }
}
