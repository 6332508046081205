package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CenterNetDecoderTest {

    private static final List<String> CLASSES = List.of("pedestrian", "cyclist", "vehicle");
    private static final int GH = 6;
    private static final int GW = 8;
    private static final InputSize INPUT = new InputSize(GW * 4, GH * 4); // 32x24, stride 4

    /** A head with all-zero heatmaps and l=t=r=b=d everywhere. */
    private static float[] head(float d) {
        int plane = GH * GW;
        float[] v = new float[(CLASSES.size() + 4) * plane];
        for (int k = CLASSES.size() * plane; k < v.length; k++) {
            v[k] = d;
        }
        return v;
    }

    private static void set(float[] v, int c, int i, int j, float s) {
        v[c * GH * GW + i * GW + j] = s;
    }

    private static CenterNetDecoder decoder(double threshold, int maxDetections) {
        return new CenterNetDecoder(CLASSES, 4, new DetectionParams(threshold, maxDetections, 0.5));
    }

    @Test
    void singlePeakBecomesBoxScaledToFrame() {
        float[] v = head(2);
        set(v, 0, 2, 3, 0.9f); // centre (14, 10) in input pixels
        List<Detection> dets = decoder(0.3, 10).decode(v, GH, GW, INPUT, 64, 48); // frame 2x input
        assertEquals(1, dets.size());
        Detection d = dets.get(0);
        assertEquals("pedestrian", d.label());
        assertEquals(0.9, d.score(), 1e-6);
        assertEquals(new BoundingBox(24, 16, 32, 24), d.box()); // (12,8,16,12) * 2
    }

    @Test
    void asymmetricDistancesUseLeftTopRightBottomOrder() {
        float[] v = head(0);
        int plane = GH * GW;
        int cell = 2 * GW + 3;
        set(v, 2, 2, 3, 0.8f);
        v[3 * plane + cell] = 1; // l
        v[4 * plane + cell] = 2; // t
        v[5 * plane + cell] = 3; // r
        v[6 * plane + cell] = 4; // b
        Detection d = decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).get(0);
        assertEquals("vehicle", d.label());
        assertEquals(new BoundingBox(13, 8, 17, 14), d.box());
    }

    @Test
    void belowThresholdIsIgnored() {
        float[] v = head(2);
        set(v, 0, 2, 3, 0.29f);
        assertTrue(decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).isEmpty());
    }

    @Test
    void onlyThe3x3MaximumIsACandidate() {
        float[] v = head(1);
        set(v, 1, 3, 3, 0.9f);
        set(v, 1, 3, 4, 0.8f); // neighbour, not a peak
        set(v, 1, 2, 2, 0.7f); // diagonal neighbour, not a peak
        set(v, 1, 3, 6, 0.6f); // two cells away: its own peak
        List<Detection> dets = decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24);
        assertEquals(2, dets.size());
        assertEquals(0.9, dets.get(0).score(), 1e-6);
        assertEquals(0.6, dets.get(1).score(), 1e-6);
    }

    @Test
    void peaksOnTheBorderAreFound() {
        float[] v = head(1);
        set(v, 0, 0, 0, 0.5f);
        set(v, 0, GH - 1, GW - 1, 0.6f);
        assertEquals(2, decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).size());
    }

    @Test
    void maxDetectionsKeepsTheBestDetections() {
        float[] v = head(1);
        set(v, 0, 0, 0, 0.5f);
        set(v, 0, 0, 4, 0.9f);
        set(v, 0, 4, 0, 0.7f);
        List<Detection> dets = decoder(0.3, 2).decode(v, GH, GW, INPUT, 32, 24);
        assertEquals(List.of(0.9, 0.7), dets.stream().map(d -> Math.round(d.score() * 10) / 10.0).toList());
    }

    @Test
    void sameCentreInTwoClassesGivesTwoDetections() {
        float[] v = head(3);
        set(v, 0, 2, 3, 0.9f);
        set(v, 1, 2, 3, 0.6f);
        List<Detection> dets = decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24);
        assertEquals(List.of("pedestrian", "cyclist"), dets.stream().map(Detection::label).toList());
    }

    @Test
    void plateauOfEqualScoresIsMergedByNms() {
        float[] v = head(8);
        set(v, 0, 2, 3, 0.7f);
        set(v, 0, 2, 4, 0.7f); // equal neighbour: both pass the peak test, NMS keeps one
        assertEquals(1, decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).size());
    }

    @Test
    void boxesAreClippedToTheFrameAndNegativeDistancesIgnored() {
        float[] v = head(100);
        int plane = GH * GW;
        set(v, 0, 0, 0, 0.9f);
        v[3 * plane] = -5; // negative l counts as 0
        Detection d = decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).get(0);
        assertEquals(new BoundingBox(2, 0, 32, 24), d.box());
    }

    @Test
    void scoresAboveOneAreClamped() {
        float[] v = head(2);
        set(v, 0, 2, 2, 1.5f);
        assertEquals(1.0, decoder(0.3, 10).decode(v, GH, GW, INPUT, 32, 24).get(0).score());
    }

    @Test
    void wrongLengthIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> decoder(0.3, 10).decode(new float[10], GH, GW, INPUT, 32, 24));
    }

    @Test
    void paramsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(0, 10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(0.3, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(0.3, 10, 1.5));
    }
}
