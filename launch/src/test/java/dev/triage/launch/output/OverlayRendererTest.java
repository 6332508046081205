package dev.triage.launch.output;

import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.render.OverlayRenderer;
import dev.triage.perception.spi.FrameProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overlay drawing on hand-made results: colours where the boxes, lanes and banners are. */
class OverlayRendererTest {
    private static final int W = 640;
    private static final int H = 480;

    @BeforeAll
    static void load() {
        OpenCv.load();
    }

    /** Runs {@code checks} on {@code m}, then releases it. */
    private static void inspect(Mat m, Consumer<Mat> checks) {
        try {
            checks.accept(m);
        } finally {
            m.release();
        }
    }

    private static boolean near(double[] px, Scalar colour) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs(px[c] - colour.val[c]) > 40) {
                return false;
            }
        }
        return true;
    }

    @Test
    void drawsBoxesInClassColourAndABanner() {
        inspect(Fixtures.mat(W, H), m -> {
            new OverlayRenderer(50).drawResult(m, Fixtures.result(0, W, H)); // urban: pedestrian + vehicle
            // the pedestrian box's left edge at x = 0.2 W, halfway down the box
            assertTrue(near(m.get((int) (H * 0.6), (int) (W * 0.2)), OverlayRenderer.PEDESTRIAN),
                    java.util.Arrays.toString(m.get((int) (H * 0.6), (int) (W * 0.2))));
            assertTrue(near(m.get((int) (H * 0.62), (int) (W * 0.8)), OverlayRenderer.VEHICLE));
            // the banner darkens the top rows; the image below stays untouched
            assertTrue(m.get(2, W / 2)[1] < 60, "banner not drawn");
            assertEquals(100, m.get(H - 5, W / 2)[1], 1e-9);
        });
    }

    @Test
    void drawsLanesInSlotColour() {
        inspect(Fixtures.mat(W, H), m -> {
            new OverlayRenderer(50).drawResult(m, Fixtures.result(20, W, H)); // highway: lanes in slots 1 and 2
            // slot 1 runs from (0.45 W, 0.55 H) to (0.2 W, 0.95 H); its midpoint
            assertTrue(near(m.get((int) (H * 0.75), (int) (W * 0.325)), OverlayRenderer.laneColour(1)));
            assertTrue(near(m.get((int) (H * 0.75), (int) (W * 0.675)), OverlayRenderer.laneColour(2)));
        });
    }

    @Test
    void aContinuedPartOfALaneIsDrawnThinner() {
        var r = Fixtures.result(20, W, H);
        Lane lane = new Lane(2, List.of(new Point(320, 150), new Point(320, 250), new Point(320, 350),
                new Point(320, 450)), 0.9, List.of(0.0, 0.9, 0.9, 0.0));
        var drawn = new PerceptionResult(r.seq(), r.stampNanos(), r.frameId(), W, H, r.context(), r.expertsRun(),
                List.of(), List.of(lane), r.timings(), r.latencyNanos(), r.deadlineMet(), r.truth());
        inspect(Fixtures.mat(W, H), m -> {
            new OverlayRenderer(50).drawResult(m, drawn);
            int continued = laneWidth(m, 200);
            int seen = laneWidth(m, 300);
            assertTrue(continued >= 1 && continued < seen, "continued " + continued + " px, seen " + seen + " px");
            assertTrue(laneWidth(m, 400) < seen);
        });
    }

    /** Pixels of row {@code y} in slot 2's colour. */
    private static int laneWidth(Mat m, int y) {
        int n = 0;
        for (int x = 300; x < 340; x++) {
            if (near(m.get(y, x), OverlayRenderer.laneColour(2))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void problemFramesGetARedBannerAndBorder() {
        inspect(Fixtures.mat(W, H), m -> {
            new OverlayRenderer(50).drawProblem(m, Fixtures.problem(7, FrameProblem.Kind.DROPPED_REPLACED,
                    "frame #7 (cam) replaced by a newer frame before the worker was free"),
                    Optional.of(GroundTruth.sceneOnly("urban")));
            assertTrue(near(m.get(3, W - 10), OverlayRenderer.PROBLEM));
            assertTrue(near(m.get(H / 2, 1), OverlayRenderer.PROBLEM));
            assertEquals(100, m.get(H / 2, W / 2)[1], 1e-9);
        });
    }

    @Test
    void placeholderIsGreyAtTheGivenSize() {
        inspect(OverlayRenderer.placeholder(320, 240), m -> {
            assertEquals(320, m.cols());
            assertEquals(240, m.rows());
            assertTrue(near(m.get(5, 5), OverlayRenderer.PLACEHOLDER));
        });
    }

    @Test
    void aVeryLongMessageIsCutToTheFrameAndSmallFramesWork() {
        inspect(Fixtures.mat(64, 48), m -> {
            new OverlayRenderer(50).drawProblem(m, Fixtures.problem(1, FrameProblem.Kind.DECODE_FAILED,
                    "x".repeat(5000)), Optional.empty());
            new OverlayRenderer(50).drawResult(m, Fixtures.result(3, 640, 480)); // result of another size: scaled
        });
    }
}
