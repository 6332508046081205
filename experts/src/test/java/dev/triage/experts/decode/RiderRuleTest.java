package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persons on bicycles and motorcycles become one cyclist; persons beside them stay pedestrians. */
class RiderRuleTest {

    private static final RiderRule CYCLISTS = new RiderRule("person", Map.of("bicycle", "cyclist",
            "motorcycle", "cyclist"));

    private static Detection det(String label, double score, double x1, double y1, double x2, double y2) {
        return new Detection(label, score, new BoundingBox(x1, y1, x2, y2));
    }

    @Test
    void aPersonSittingOnABicycleBecomesOneCyclistBoxedAroundBoth() {
        Detection person = det("person", 0.8, 100, 50, 140, 160);
        Detection bike = det("bicycle", 0.6, 85, 110, 165, 175);
        RiderRule.Split split = CYCLISTS.apply(List.of(person, bike));
        assertEquals(List.of(det("cyclist", 0.8, 85, 50, 165, 175)), split.riders());
        assertEquals(List.of(), split.rest());
    }

    @Test
    void aPersonBesideAParkedBicycleStaysAPersonAndTheBicycleStaysUnpaired() {
        Detection person = det("person", 0.8, 100, 50, 140, 160);
        Detection parked = det("bicycle", 0.6, 200, 110, 280, 175);
        RiderRule.Split split = CYCLISTS.apply(List.of(person, parked));
        assertEquals(List.of(), split.riders());
        assertEquals(List.of(person, parked), split.rest());
    }

    @Test
    void aPersonPushingABicycleBesideThemStaysAPerson() {
        Detection pusher = det("person", 0.8, 100, 50, 140, 170);
        Detection beside = det("bicycle", 0.6, 125, 110, 205, 172);  // overlaps the person, but off to the side
        assertEquals(List.of(), CYCLISTS.apply(List.of(pusher, beside)).riders());
    }

    @Test
    void aMountIsRiddenOnceByTheBestCoveringPerson() {
        Detection rider = det("person", 0.7, 95, 50, 150, 170);
        Detection walker = det("person", 0.9, 130, 40, 190, 170);  // over the bike too, but covers less of it
        Detection bike = det("motorcycle", 0.6, 85, 110, 165, 175);
        RiderRule.Split split = CYCLISTS.apply(List.of(walker, rider, bike));
        assertEquals(1, split.riders().size());
        assertEquals(0.7, split.riders().get(0).score());
        assertEquals(List.of(walker), split.rest());
    }

    @Test
    void aPersonBelowTheMountsTopDoesNotRideIt() {
        Detection child = det("person", 0.8, 100, 120, 130, 175);  // head below the bicycle's top edge
        Detection bike = det("bicycle", 0.6, 85, 110, 165, 175);
        assertEquals(List.of(), CYCLISTS.apply(List.of(child, bike)).riders());
    }

    @Test
    void theDecoderAppliesRidersBeforeTheLabelMapAndDropsUnmappedMounts() {
        List<String> classes = List.of("person", "bicycle", "car");
        YoloDecoder decoder = new YoloDecoder(classes, Map.of("person", "pedestrian", "car", "vehicle"), 
                new RiderRule("person", Map.of("bicycle", "cyclist")), new DetectionParams(0.3, 100, 0.5));
        // YOLOv8 layout [1, 4 + 3, 3]: a rider, its bicycle, and a parked bicycle far away
        float[][] candidates = {
                {120, 105, 40, 110, 0.8f, 0.1f, 0.0f},   // person at (100,50)-(140,160)
                {125, 142.5f, 80, 65, 0.1f, 0.6f, 0.0f}, // bicycle at (85,110)-(165,175)
                {240, 142.5f, 80, 65, 0.0f, 0.7f, 0.0f}, // parked bicycle
        };
        float[] v = new float[7 * 3];
        for (int k = 0; k < 3; k++) {
            for (int a = 0; a < 7; a++) {
                v[a * 3 + k] = candidates[k][a];
            }
        }
        List<Detection> out = decoder.decode(v, 7, 3, new InputSize(320, 240), 320, 240);
        assertEquals(1, out.size(), out.toString());
        assertEquals("cyclist", out.get(0).label());
        assertEquals(new BoundingBox(85, 50, 165, 175), out.get(0).box());
    }

    @Test
    void ridersMustNameModelClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new YoloDecoder(
                List.of("person", "car"), Map.of(), CYCLISTS, DetectionParams.defaults()));
        assertTrue(e.getMessage().contains("bicycle") || e.getMessage().contains("motorcycle"), e.getMessage());
    }
}
