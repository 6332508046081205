package dev.triage.launch.cli;

import dev.triage.datasets.baselines.HogPedestrianDetector;
import dev.triage.datasets.baselines.HoughLaneFinder;
import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.DetectionEvaluator;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.datasets.eval.TuSimpleLaneEvaluator;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OpenCV baselines of {@code triage eval}: the HOG people detector on the frames with complete pedestrian
 * boxes and Canny + Hough lanes on the lane-labelled frames, each timed per frame (decoding excluded).
 */
final class EvalBaselines {

    private EvalBaselines() {
    }

    /** One baseline's outcome: pedestrian metrics or lane metrics, with per-frame latency. */
    record Result(int frames, Optional<ClassMetrics> pedestrian, Optional<LaneMetrics> lanes,
                  LatencySummary latency) {
    }

    /** The HOG people detector on the frames with complete pedestrian boxes; empty when there are none. */
    static Optional<Result> hog(EvalInput input, List<String> notes) {
        if (input.labels().frames().stream().noneMatch(f -> f.scoresCompletely(ObjectClass.PEDESTRIAN))) {
            return Optional.empty();
        }
        OpenCv.load();
        HogPedestrianDetector hog = new HogPedestrianDetector(HogPedestrianDetector.Params.defaults());
        DetectionEvaluator eval = DetectionEvaluator.iou50();
        List<Double> ms = new ArrayList<>();
        input.forEachDecoded(f -> f.scoresCompletely(ObjectClass.PEDESTRIAN), (f, bgr) -> {
            List<Detection> found = timed(ms, () -> hog.detect(bgr));
            eval.add(found, f.truth().objects().stream()
                    .filter(o -> o.label().equals(ObjectClass.PEDESTRIAN)).toList(), f.truth().ignore());
        }, notes);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Result(ms.size(), Optional.ofNullable(eval.metrics().get(ObjectClass.PEDESTRIAN)),
                Optional.empty(), summarise(ms)));
    }

    /** Canny + Hough lanes on the lane-labelled frames; empty when there are none. */
    static Optional<Result> hough(EvalInput input, List<String> notes) {
        if (input.labels().frames().stream().noneMatch(f -> f.truth().lanes().isPresent())) {
            return Optional.empty();
        }
        OpenCv.load();
        HoughLaneFinder finder = new HoughLaneFinder(HoughLaneFinder.Params.defaults());
        TuSimpleLaneEvaluator eval = new TuSimpleLaneEvaluator();
        List<Double> ms = new ArrayList<>();
        input.forEachDecoded(f -> f.truth().lanes().isPresent(), (f, bgr) -> {
            List<Lane> found = timed(ms, () -> finder.find(bgr));
            eval.add(found, f.truth().lanes().get(), bgr.cols());
        }, notes);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        LaneMetrics m = eval.metrics();
        return Optional.of(new Result(ms.size(), Optional.empty(),
                m.frames() == 0 ? Optional.empty() : Optional.of(m), summarise(ms)));
    }

    /** Times {@code work} (decoding is not timed) and adds the milliseconds to {@code ms}. */
    private static <T> T timed(List<Double> ms, Supplier<T> work) {
        long t0 = System.nanoTime();
        T out = work.get();
        ms.add((System.nanoTime() - t0) / 1e6);
        return out;
    }

    private static LatencySummary summarise(List<Double> ms) {
        LatencyHistogram histogram = new LatencyHistogram();
        ms.forEach(histogram::recordMillis);
        return histogram.summary();
    }
}
