package dev.triage.fleet.exec;

import dev.triage.fleet.diff.FrameDiff;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One processed frame of a fleet run, in the form that travels from executors to the Parquet writer (one row of
 * {@code frames/}).
 *
 * @param seq          the frame's sequence number in its recording
 * @param stampNanos   the frame's capture stamp
 * @param scene        the context the policy decided
 * @param sceneProbs   the gate's smoothed probabilities, by scene
 * @param experts      the experts that ran
 * @param detections   the detections
 * @param lanes        the lanes
 * @param timingsMs    time per stage in milliseconds
 * @param latencyMs    capture to result
 * @param deadlineMet  whether the result beat the frame's deadline
 * @param diff         the difference to the baseline on the same frame, or null without a baseline
 */
public record FrameRecord(long seq, long stampNanos, String scene, Map<String, Double> sceneProbs, List<String> experts,
                          List<Box> detections, List<LaneLine> lanes, Map<String, Double> timingsMs, double latencyMs,
                          boolean deadlineMet, FrameDiff diff) implements Serializable {

    /**
     * One detection.
     *
     * @param label class name
     * @param score confidence
     * @param x1    left, pixels
     * @param y1    top
     * @param x2    right
     * @param y2    bottom
     */
    public record Box(String label, double score, double x1, double y1, double x2, double y2) implements Serializable {
    }

    /**
     * One lane boundary.
     *
     * @param slot       position relative to the ego lane
     * @param confidence confidence
     * @param xs         polyline x, pixels
     * @param ys         polyline y, pixels
     */
    public record LaneLine(int slot, double confidence, double[] xs, double[] ys) implements Serializable {
    }

    /** Converts a pipeline result (without a diff). */
    public static FrameRecord of(PerceptionResult r) {
        Map<String, Double> probs = new LinkedHashMap<>();
        var p = r.context().probabilities();
        if (p != null) {
            for (int i = 0; i < p.scenes().size(); i++) {
                probs.put(p.scenes().get(i), p.values().get(i));
            }
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        r.timings().nanosByStage().forEach((stage, nanos) -> timings.put(stage, nanos / 1e6));
        List<Box> boxes = r.detections().stream().map(FrameRecord::box).toList();
        List<LaneLine> lanes = r.lanes().stream().map(FrameRecord::lane).toList();
        return new FrameRecord(r.seq(), r.stampNanos(), r.context().scene(), probs, r.expertsRun(), boxes, lanes,
                timings, r.latencyNanos() / 1e6, r.deadlineMet(), null);
    }

    /** The same frame with its difference to the baseline. */
    public FrameRecord withDiff(FrameDiff frameDiff) {
        return new FrameRecord(seq, stampNanos, scene, sceneProbs, experts, detections, lanes, timingsMs, latencyMs,
                deadlineMet, frameDiff);
    }

    private static Box box(Detection d) {
        return new Box(d.label(), d.score(), d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2());
    }

    private static LaneLine lane(Lane l) {
        double[] xs = l.points().stream().mapToDouble(Point::x).toArray();
        double[] ys = l.points().stream().mapToDouble(Point::y).toArray();
        return new LaneLine(l.slot(), l.confidence(), xs, ys);
    }
}
