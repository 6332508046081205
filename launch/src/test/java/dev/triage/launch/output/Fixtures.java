package dev.triage.launch.output;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.StageTimings;
import dev.triage.perception.core.Stages;
import dev.triage.perception.spi.FrameProblem;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.List;
import java.util.Optional;

/** Hand-made frames, results and problems for the output tests; no models. */
final class Fixtures {
    static final long FRAME_NANOS = 50_000_000L;

    private Fixtures() {
    }

    static final List<String> SCENES = List.of("urban", "highway");

    static String sceneAt(long seq) {
        return (seq / 20) % 2 == 0 ? "urban" : "highway";
    }

    static Frame frame(long seq, int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) 90;
            px[i + 1] = (byte) (60 + seq % 100);
            px[i + 2] = (byte) 40;
        }
        return new Frame(seq, seq * FRAME_NANOS, System.nanoTime(), "cam", new Image.Raw(w, h, "bgr8", 3 * w, px),
                Optional.of(GroundTruth.sceneOnly(sceneAt(seq))));
    }

    static Mat mat(int w, int h) {
        return new Mat(h, w, CvType.CV_8UC3, new Scalar(90, 100, 40));
    }

    static PerceptionResult result(long seq, int w, int h) {
        String scene = sceneAt(seq);
        double hw = scene.equals("highway") ? 0.9 : 0.1;
        SceneProbabilities p = new SceneProbabilities(SCENES, List.of(1 - hw, hw));
        SceneContext ctx = new SceneContext(scene, p, p, List.of(scene), false, seq / 20);
        List<Detection> dets = scene.equals("urban")
                ? List.of(new Detection("pedestrian", 0.87, new BoundingBox(w * 0.2, h * 0.4, w * 0.3, h * 0.8)),
                        new Detection("vehicle", 0.55, new BoundingBox(w * 0.5, h * 0.5, w * 0.8, h * 0.75)))
                : List.of();
        List<Lane> lanes = scene.equals("highway")
                ? List.of(new Lane(1, List.of(new Point(w * 0.45, h * 0.55), new Point(w * 0.2, h * 0.95)), 0.9),
                        new Lane(2, List.of(new Point(w * 0.55, h * 0.55), new Point(w * 0.8, h * 0.95)), 0.9))
                : List.of();
        StageTimings timings = new StageTimings.Builder().add(Stages.DECODE, 300_000).add(Stages.PREPROCESS, 500_000)
                .add(Stages.GATE, 2_000_000).add(Stages.expert(scene), 8_000_000 + seq * 10_000)
                .add(Stages.POSTPROCESS, 50_000).build();
        long latency = (seq % 10 == 9 ? 61 : 12) * 1_000_000L;
        return new PerceptionResult(seq, seq * FRAME_NANOS, "cam", w, h, ctx, List.of(scene), dets, lanes,
                timings, latency, latency <= 50_000_000L, Optional.of(GroundTruth.sceneOnly(scene)));
    }

    static FrameProblem problem(long seq, FrameProblem.Kind kind, String message) {
        return new FrameProblem(seq, seq * FRAME_NANOS, "cam", kind, message);
    }
}
