package dev.triage.launch.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.Point;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.TensorPreprocessor;
import dev.triage.perception.pipeline.ExpertSlot;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training and serving agree on real frames: {@code training/parity_reference.py} records, in {@code
 * models/parity.json} ({@code real_frames}), what the training-side preprocessing and decoders make of two real
 * frames (a 1920x1080 street photo, a 1280x720 TuSimple highway frame), and this test runs the serving side on the
 * same files: FrameDecoder, TensorPreprocessor, the gate and the experts of the quality profile, whose files are
 * float. The default's int8 gate and detector are the same networks with the same preprocessing and decoding, but
 * Python's and DJL's int8 kernels round differently (detector boxes move by a few pixels), so their numerics are
 * bounded by {@code ShippedModelParityTest} and their accuracy by {@code DevValidationTest}.
 *
 * <p>Tolerances: tensor values within 1/255 per element (OpenCV's fixed-point INTER_LINEAR against the float
 * bilinear of training rounds differently by at most one level) and a mean difference under 0.002; gate
 * probabilities within 0.01; every detection scoring at least 0.03 over the threshold on one side is on the other
 * with the same class, IoU at least 0.9 and a score within 0.02; lanes in the same slots, with points within 3 px.
 */
class RealFrameParityTest {
    private static final Path REPO = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath()
            .normalize();
    private static final Path DATA = REPO.resolveSibling("shared").resolve("data");
    private static final double SCORE_MARGIN = 0.03;

    @Test
    void servingMatchesTrainingOnRealFrames() throws Exception {
        JsonNode frames = new ObjectMapper().readTree(REPO.resolve("models/parity.json").toFile()).path("real_frames");
        assumeTrue(frames.size() > 0, "models/parity.json has no real_frames (shared data was missing when "
                + "training/parity_reference.py ran)");
        assumeTrue(Files.isDirectory(DATA), "development data missing: " + DATA);
        double threshold = new ConfigLoader().defaults().experts().get("urban").detectionParams().scoreThreshold();
        List<String> failures = new ArrayList<>();
        try (PerceptionStack stack = StackFactory.create(new ConfigLoader().load(Optional.of(Path.of("quality"))),
                REPO);
             TensorPreprocessor preprocessor = new TensorPreprocessor()) {
            FrameDecoder decoder = new FrameDecoder();
            for (Map.Entry<String, JsonNode> frame : iterable(frames)) {
                Path file = DATA.resolve(frame.getKey());
                Mat bgr = decoder.decode(new Image.Encoded(file.getFileName().toString().endsWith(".png") ? "png"
                        : "jpeg", Files.readAllBytes(file)));
                try {
                    for (Map.Entry<String, JsonNode> model : iterable(frame.getValue())) {
                        String at = frame.getKey() + " / " + model.getKey() + ": ";
                        JsonNode ref = model.getValue();
                        ImageTensor tensor = preprocessor.toTensor(bgr, new InputSize(ref.get("input_width").asInt(),
                                ref.get("input_height").asInt()));
                        compareTensor(at, tensor.floats(), ref.get("input"), failures);
                        switch (model.getKey()) {
                            case "gate" -> compareProbabilities(at, stack.gate().classify(tensor),
                                    ref.get("probabilities"), failures);
                            case "nanodet_m" -> compareDetections(at, expert(stack, "urban").expert()
                                    .infer(tensor, bgr.cols(), bgr.rows()).detections(), ref.get("detections"),
                                    threshold + SCORE_MARGIN, failures);
                            case "highway" -> compareLanes(at, expert(stack, "highway").expert()
                                    .infer(tensor, bgr.cols(), bgr.rows()).lanes(), ref.get("lanes"), failures);
                            default -> failures.add(at + "no check for this model");
                        }
                    }
                } finally {
                    bgr.release();
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences between training and serving:\n" + String.join("\n", failures));
        }
    }

    private static ExpertSlot expert(PerceptionStack stack, String name) {
        return stack.experts().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no expert " + name + " in the configuration"));
    }

    private static void compareTensor(String at, FloatBuffer got, JsonNode want, List<String> failures) {
        assertEquals(want.get("shape").get(1).asInt() * want.get("shape").get(2).asInt()
                * want.get("shape").get(3).asInt(), got.remaining(), at + "tensor size");
        double sum = 0;
        for (int i = 0; i < got.remaining(); i++) {
            sum += got.get(i);
        }
        double meanDiff = Math.abs(sum - want.get("sum").asDouble()) / got.remaining();
        if (meanDiff > 0.002) {
            failures.add(at + "tensor mean differs by " + meanDiff);
        }
        for (int k = 0; k < want.get("indices").size(); k++) {
            int index = want.get("indices").get(k).asInt();
            double diff = Math.abs(got.get(index) - want.get("values").get(k).asDouble());
            if (diff > 1.0 / 255 + 1e-6) {
                failures.add(at + "tensor element " + index + " differs by " + diff * 255 + " levels");
            }
        }
    }

    private static void compareProbabilities(String at, SceneProbabilities got, JsonNode want,
                                             List<String> failures) {
        for (Map.Entry<String, JsonNode> scene : iterable(want)) {
            double diff = Math.abs(got.of(scene.getKey()) - scene.getValue().asDouble());
            if (diff > 0.01) {
                failures.add(at + "p(" + scene.getKey() + ") " + got.of(scene.getKey()) + " vs " + scene.getValue());
            }
        }
    }

    private static void compareDetections(String at, List<Detection> got, JsonNode want, double clearScore,
                                          List<String> failures) {
        List<Detection> expected = new ArrayList<>();
        for (JsonNode d : want) {
            JsonNode b = d.get("box");
            expected.add(new Detection(d.get("cls").asText(), d.get("score").asDouble(), new BoundingBox(
                    b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
        }
        assertTrue(expected.stream().anyMatch(d -> d.score() >= clearScore), at + "reference has no clear detection");
        missing(at + "training found, serving did not: ", expected, got, clearScore, failures);
        missing(at + "serving found, training did not: ", got, expected, clearScore, failures);
    }

    private static void missing(String what, List<Detection> from, List<Detection> in, double clearScore,
                                List<String> failures) {
        for (Detection d : from) {
            if (d.score() >= clearScore && in.stream().noneMatch(o -> o.label().equals(d.label())
                    && o.box().iou(d.box()) >= 0.9 && Math.abs(o.score() - d.score()) <= 0.02)) {
                failures.add(what + d);
            }
        }
    }

    private static void compareLanes(String at, List<Lane> got, JsonNode want, List<String> failures) {
        List<Integer> wantSlots = new ArrayList<>();
        want.forEach(l -> wantSlots.add(l.get("slot").asInt()));
        List<Integer> gotSlots = got.stream().map(Lane::slot).toList();
        if (!wantSlots.equals(gotSlots)) {
            failures.add(at + "lane slots " + gotSlots + " vs " + wantSlots);
            return;
        }
        assertTrue(!got.isEmpty(), at + "no lanes in the reference");
        for (int i = 0; i < got.size(); i++) {
            JsonNode points = want.get(i).get("points");
            List<Point> gp = got.get(i).points();
            if (Math.abs(gp.size() - points.size()) > 1) {
                failures.add(at + "lane " + gotSlots.get(i) + " has " + gp.size() + " points vs " + points.size());
                continue;
            }
            for (JsonNode p : points) {
                double y = p.get(1).asDouble();
                gp.stream().filter(q -> Math.abs(q.y() - y) < 0.5).findFirst().ifPresent(q -> {
                    if (Math.abs(q.x() - p.get(0).asDouble()) > 3) {
                        failures.add(at + "lane point at y " + y + ": x " + q.x() + " vs " + p.get(0));
                    }
                });
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
