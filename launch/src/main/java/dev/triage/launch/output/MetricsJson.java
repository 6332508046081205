package dev.triage.launch.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.perception.core.Scene;

import java.util.Map;

/**
 * Writes an {@link EvaluationReport} as {@code metrics.json}: {@code frames}, {@code gate.accuracy},
 * {@code gate.confusion}, {@code urban.<class>.recall_iou50 / ap50 / precision / labelled},
 * {@code highway.lane.accuracy / fp / fn}. A part without labels is left out.
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
            ObjectNode confusion = gate.putObject("confusion");
            for (Scene truth : Scene.values()) {
                ObjectNode row = confusion.putObject(truth.wireName());
                for (Scene decided : Scene.values()) {
                    row.put(decided.wireName(),
                            report.sceneConfusion().getOrDefault(truth, Map.of()).getOrDefault(decided, 0L));
                }
            }
        });
        if (report.detectionFrames() > 0) {
            ObjectNode urban = o.putObject("urban");
            urban.put("frames", report.detectionFrames());
            report.detections().forEach((label, m) -> urban.set(label, classMetrics(m)));
        }
        report.lanes().ifPresent(l -> {
            ObjectNode lane = o.putObject("highway").putObject("lane");
            lane.put("frames", l.frames());
            lane.put("accuracy", l.accuracy());
            lane.put("fp", l.fp());
            lane.put("fn", l.fn());
        });
        return o;
    }

    private ObjectNode classMetrics(ClassMetrics m) {
        ObjectNode c = mapper.createObjectNode();
        c.put("labelled", m.groundTruth());
        c.put("predicted", m.predictions());
        c.put("recall_iou50", m.recall());
        c.put("precision_iou50", m.precision());
        c.put("ap50", m.ap50());
        return c;
    }
}
