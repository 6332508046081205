package dev.triage.datasets.baselines;

import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.DetectionEvaluator;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.datasets.eval.TuSimpleLaneEvaluator;
import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.datasets.labels.LabelledFrame;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselinesTest {
    static final Path SHARED = Path.of(System.getProperty("triage.shared.data", "../../shared/data"))
            .toAbsolutePath().normalize();

    /** A grey road on a dark background with a white left and right boundary meeting near a horizon. */
    static Mat drawnRoad(int w, int h) {
        OpenCv.load();
        Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(40, 70, 40));
        Imgproc.rectangle(m, new Point(0, 0), new Point(w, 0.45 * h), new Scalar(200, 170, 120), -1);
        MatOfPoint road = new MatOfPoint(new Point(0.05 * w, h), new Point(0.47 * w, 0.45 * h),
                new Point(0.53 * w, 0.45 * h), new Point(0.95 * w, h));
        Imgproc.fillPoly(m, List.of(road), new Scalar(90, 90, 90));
        road.release();
        Imgproc.line(m, new Point(0.15 * w, h - 1), new Point(0.48 * w, 0.5 * h), new Scalar(255, 255, 255), 6);
        Imgproc.line(m, new Point(0.85 * w, h - 1), new Point(0.52 * w, 0.5 * h), new Scalar(255, 255, 255), 6);
        return m;
    }

    @Test
    void houghFindsTheTwoEgoLanesOfADrawnRoad() {
        int w = 640;
        int h = 360;
        Mat road = drawnRoad(w, h);
        List<Lane> lanes = new HoughLaneFinder(HoughLaneFinder.Params.defaults()).find(road);
        road.release();
        assertEquals(2, lanes.size(), lanes.toString());
        assertEquals(1, lanes.get(0).slot());
        assertEquals(2, lanes.get(1).slot());
        // the drawn lines: x = 0.15w at the bottom, and 0.48w at 0.5h
        double yBottom = h - 1;
        assertEquals(0.15 * w, lanes.get(0).xAt(yBottom), 6);
        assertEquals(0.85 * w, lanes.get(1).xAt(yBottom), 6);
        double y = 0.7 * h;
        double leftTruth = 0.15 * w + (0.48 - 0.15) * w * (yBottom - y) / (yBottom - 0.5 * h);
        assertEquals(leftTruth, lanes.get(0).xAt(y), 6);

        // and they score perfectly against rows of the drawn lines
        List<Integer> rows = new ArrayList<>();
        for (int r = 220; r < h; r += 10) {
            rows.add(r);
        }
        List<Double> l = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        for (int row : rows) {
            double t = (yBottom - row) / (yBottom - 0.5 * h);
            l.add(0.15 * w + (0.48 - 0.15) * w * t);
            r.add(0.85 * w - (0.85 - 0.52) * w * t);
        }
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        e.add(lanes, new LaneRows(rows, List.of(l, r)), w);
        LaneMetrics m = e.metrics();
        assertEquals(1.0, m.accuracy(), 1e-9);
        assertEquals(0.0, m.fp(), 1e-9);
        assertEquals(0.0, m.fn(), 1e-9);
    }

    @Test
    void houghFindsNothingOnABlankFrame() {
        OpenCv.load();
        Mat blank = new Mat(360, 640, CvType.CV_8UC3, new Scalar(90, 90, 90));
        assertTrue(new HoughLaneFinder(HoughLaneFinder.Params.defaults()).find(blank).isEmpty());
        blank.release();
    }

    @Test
    void hogFindsAtLeastOneRealPedestrianOnTheDevStreetImages() throws IOException {
        LabelledDataset d = sharedDatasetOrSkip("pedestrians_street_dev");
        DetectionEvaluator eval = DetectionEvaluator.iou50();
        HogPedestrianDetector hog = new HogPedestrianDetector(HogPedestrianDetector.Params.defaults());
        for (LabelledFrame f : d.frames()) {
            Mat bgr = Imgcodecs.imread(f.file().toString(), Imgcodecs.IMREAD_COLOR);
            List<Detection> found = hog.detect(bgr);
            bgr.release();
            eval.add(found, f.truth().objects().stream().filter(o -> o.label().equals(ObjectClass.PEDESTRIAN))
                    .toList(), f.truth().ignore());
        }
        ClassMetrics m = eval.metrics().get(ObjectClass.PEDESTRIAN);
        System.out.println("HOG on pedestrians_street_dev: " + m);
        assertEquals(37, m.groundTruth());
        assertTrue(m.truePositives() >= 1, m.toString());
    }

    @Test
    void houghOnLabelledDevLanesScoresSomething() throws IOException {
        LabelledDataset d = sharedDatasetOrSkip("tusimple_highway_lanes_dev");
        TuSimpleLaneEvaluator e = new TuSimpleLaneEvaluator();
        HoughLaneFinder finder = new HoughLaneFinder(HoughLaneFinder.Params.defaults());
        for (LabelledFrame f : d.frames()) {
            if (f.truth().lanes().isEmpty()) {
                continue;
            }
            Mat bgr = Imgcodecs.imread(f.file().toString(), Imgcodecs.IMREAD_COLOR);
            List<Lane> lanes = finder.find(bgr);
            e.add(lanes, f.truth().lanes().get(), bgr.cols());
            System.out.println("Hough " + f.id() + ": " + lanes.size() + " lanes");
            bgr.release();
        }
        LaneMetrics m = e.metrics();
        System.out.println("Hough on tusimple_highway_lanes_dev: " + m);
        assertEquals(6, m.frames());
        assertTrue(m.accuracy() > 0, m.toString());
    }

    /** The labelled development set {@code name} of the shared data; the test is skipped where it is missing. */
    private static LabelledDataset sharedDatasetOrSkip(String name) throws IOException {
        Path set = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(set.resolve("labels.csv")), name + " not present at " + set);
        return LabelledDataset.load(set);
    }
}
