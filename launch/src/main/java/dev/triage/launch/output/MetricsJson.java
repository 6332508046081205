package dev.triage.launch.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.datasets.labels.LabelledRecordingSource;
import dev.triage.perception.pipeline.LatencySummary;

import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an {@link EvaluationReport} as {@code metrics.json}: {@code frames}, {@code gate.accuracy} (the routing
 * decision), {@code gate.raw_accuracy} (the gate network's likeliest scene), {@code gate.confusion} (true scene →
 * decided scene → frames, over the gate's scenes and every labelled one),
 * {@code urban.<class>.recall_iou50 / precision_iou50 / ap50 / labelled / predicted / labels} and
 * {@code highway.lane.accuracy / fp / fn}. Classes scored on complete labels come with {@code "labels": "complete"};
 * a class known only from weak labels (projected 3D boxes) comes with {@code "labels": "weak"}. A part without
 * labels is left out. A recording scored against its labels sidecar adds {@code labels}: how its frames and the
 * sidecar's stamps met ({@link #labelMatching}).
 */
public final class MetricsJson {
    private final ObjectMapper mapper;

    public MetricsJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The metrics object. */
    public ObjectNode metrics(EvaluationReport report, long frames) {
        ObjectNode o = mapper.createObjectNode();
        o.put("frames", frames);
        report.sceneAccuracy().ifPresent(acc -> {
            ObjectNode gate = o.putObject("gate");
            gate.put("frames", report.sceneFrames());
            gate.put("accuracy", acc);
            report.rawSceneAccuracy().ifPresent(raw -> gate.put("raw_accuracy", raw));
            ObjectNode confusion = gate.putObject("confusion");
            for (String truth : report.scenes()) {
                ObjectNode row = confusion.putObject(truth);
                for (String decided : report.scenes()) {
                    row.put(decided, report.sceneConfusion().getOrDefault(truth, Map.of()).getOrDefault(decided, 0L));
                }
            }
        });
        if (report.detectionFrames() > 0 || report.weakDetectionFrames() > 0) {
            ObjectNode urban = o.putObject("urban");
            urban.put("frames", report.detectionFrames());
            urban.put("weak_frames", report.weakDetectionFrames());
            report.detections().forEach((label, m) -> {
                if (m.groundTruth() > 0) {
                    urban.set(label, classMetrics(m, "complete"));
                }
            });
            report.weakDetections().forEach((label, m) -> {
                if (m.groundTruth() > 0 && !urban.has(label)) {
                    urban.set(label, classMetrics(m, "weak"));
                }
            });
        }
        report.lanes().ifPresent(l -> o.putObject("highway").set("lane", lane(l)));
        return o;
    }

    /**
     * How a recording's frames met its labels sidecar: {@code sidecar}, {@code labelled_stamps}, {@code frames},
     * {@code matched}, {@code frames_without_label}, {@code labels_without_frame}.
     */
    public ObjectNode labelMatching(LabelledRecordingSource.Matching m, Path sidecar) {
        ObjectNode o = mapper.createObjectNode();
        o.put("sidecar", sidecar.toAbsolutePath().normalize().toString());
        o.put("labelled_stamps", m.labels());
        o.put("frames", m.frames());
        o.put("matched", m.matched());
        o.put("frames_without_label", m.framesWithoutLabel());
        o.put("labels_without_frame", m.labelsWithoutFrame());
        return o;
    }

    /** One lane metrics object: frames, accuracy, fp, fn (the record's components). */
    public ObjectNode lane(LaneMetrics l) {
        return mapper.valueToTree(l);
    }

    /** One class metrics object; {@code labels} is "complete" or "weak". */
    public ObjectNode classMetrics(ClassMetrics m, String labels) {
        ObjectNode c = mapper.createObjectNode();
        c.put("labels", labels);
        c.put("labelled", m.groundTruth());
        c.put("predicted", m.predictions());
        c.put("recall_iou50", m.recall());
        c.put("precision_iou50", m.precision());
        c.put("ap50", m.ap50());
        return c;
    }

    /** A latency object: count, p50, p99, max, mean (milliseconds; the record's components). */
    public ObjectNode latency(LatencySummary s) {
        return mapper.valueToTree(s);
    }
}
