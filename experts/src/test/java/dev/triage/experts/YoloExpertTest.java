package dev.triage.experts;

import dev.triage.experts.decode.DetectionParams;
import dev.triage.experts.support.TestTensors;
import dev.triage.inference.ModelLoadException;
import dev.triage.inference.RuntimeOptions;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.image.InputSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user YOLO model through DJL: the committed probes {@code yolo_v8.pt} and {@code yolo_v5.pt}
 * (training/fixtures/make_yolo_fixtures.py) have known heads; the person scores follow the input's red plane.
 */
class YoloExpertTest {

    private static final InputSize SIZE = new InputSize(64, 48);
    private static final List<String> CLASSES = List.of("person", "bicycle", "car", "dog");
    private static final Map<String, String> TO_TRIAGE = Map.of("person", "pedestrian", "bicycle", "cyclist",
            "car", "vehicle");
    private static final YoloSpec SPEC = new YoloSpec(SIZE, CLASSES, TO_TRIAGE, DetectionParams.defaults());
    private static final RuntimeOptions FAST = RuntimeOptions.defaults().withWarmupIterations(1);

    private static ByteBuffer white() {
        ByteBuffer buf = TestTensors.black(SIZE);
        for (int c = 0; c < 3; c++) {
            TestTensors.fill(buf, SIZE, c, 0, 0, SIZE.width(), SIZE.height(), 1f);
        }
        return buf;
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolo_v8.pt", "yolo_v5.pt"})
    void knownHeadDecodesIntoTriageLabelsInFramePixels(String fixture) throws Exception {
        try (YoloExpert urban = YoloExpert.load(TestTensors.fixture(fixture), SPEC, FAST)) {
            ExpertOutput out = urban.infer(TestTensors.tensor(SIZE, white()), 640, 480);
            List<Detection> d = out.detections();
            assertEquals(3, d.size(), d.toString());  // duplicate person suppressed, dog unmapped, weak bicycle
            assertDetection(d.get(0), "pedestrian", 0.9, new BoundingBox(120, 40, 200, 200));
            assertDetection(d.get(1), "vehicle", 0.8, new BoundingBox(380, 250, 580, 350));
            assertDetection(d.get(2), "cyclist", 0.7, new BoundingBox(240, 290, 360, 430));

            ExpertOutput black = urban.infer(TestTensors.zeros(SIZE), 640, 480);
            assertTrue(black.detections().stream().noneMatch(x -> x.label().equals("pedestrian")),
                    "person scores follow the input: " + black.detections());
        }
    }

    @Test
    void withoutALabelMapEveryClassKeepsItsName() throws Exception {
        YoloSpec raw = new YoloSpec(SIZE, CLASSES, Map.of(), DetectionParams.defaults());
        try (YoloExpert urban = YoloExpert.load(TestTensors.fixture("yolo_v8.pt"), raw, FAST)) {
            List<Detection> d = urban.infer(TestTensors.tensor(SIZE, white()), 64, 48).detections();
            assertEquals(List.of("dog", "person", "car", "bicycle"), d.stream().map(Detection::label).toList());
        }
    }

    @Test
    void aClassListThatFitsNeitherLayoutFailsAtLoadNamingTheFile() {
        YoloSpec wrong = new YoloSpec(SIZE, List.of("person", "car"), Map.of(), DetectionParams.defaults());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> YoloExpert.load(TestTensors.fixture("yolo_v8.pt"), wrong, FAST));
        assertTrue(e.getMessage().contains("yolo_v8.pt") && e.getMessage().contains("2 configured classes"),
                e.getMessage());
    }

    @Test
    void aLabelMapEntryForAnUnknownClassIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new dev.triage.experts.decode
                .YoloDecoder(CLASSES, Map.of("truck", "vehicle"), dev.triage.experts.decode.RiderRule.none(),
                DetectionParams.defaults()));
        assertTrue(e.getMessage().contains("truck"), e.getMessage());
    }

    private static void assertDetection(Detection d, String label, double score, BoundingBox box) {
        assertEquals(label, d.label());
        assertEquals(score, d.score(), 1e-6);
        assertEquals(box.x1(), d.box().x1(), 1e-3);
        assertEquals(box.y1(), d.box().y1(), 1e-3);
        assertEquals(box.x2(), d.box().x2(), 1e-3);
        assertEquals(box.y2(), d.box().y2(), 1e-3);
    }
}
