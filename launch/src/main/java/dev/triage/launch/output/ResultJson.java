package dev.triage.launch.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.SummaryFields;
import dev.triage.perception.spi.FrameProblem;

import java.util.Locale;

/** Converts results and summaries to the JSON layouts documented in the README (detections.jsonl, summary.json). */
public final class ResultJson {
    private final ObjectMapper mapper;

    public ResultJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** One line of detections.jsonl. */
    public ObjectNode result(PerceptionResult r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("seq", r.seq());
        o.put("stamp_ns", r.stampNanos());
        o.put("frame_id", r.frameId());
        o.put("scene", r.context().scene());
        ObjectNode probs = o.putObject("scene_probs"); // every scene of the gate, in its class order
        var smoothed = r.context().probabilities();
        for (int i = 0; i < smoothed.size(); i++) {
            probs.put(smoothed.scenes().get(i), round(smoothed.values().get(i), 4));
        }
        ArrayNode experts = o.putArray("experts");
        r.expertsRun().forEach(experts::add);
        ArrayNode dets = o.putArray("detections");
        for (Detection d : r.detections()) {
            ObjectNode dj = dets.addObject();
            dj.put("cls", d.label());
            dj.put("score", round(d.score(), 4));
            dj.put("x1", round(d.box().x1(), 1));
            dj.put("y1", round(d.box().y1(), 1));
            dj.put("x2", round(d.box().x2(), 1));
            dj.put("y2", round(d.box().y2(), 1));
        }
        ArrayNode lanes = o.putArray("lanes");
        for (Lane lane : r.lanes()) {
            ArrayNode lj = lanes.addArray();
            for (Point p : lane.points()) {
                lj.addArray().add(round(p.x(), 1)).add(round(p.y(), 1));
            }
        }
        ObjectNode timings = o.putObject("timings_ms");
        r.timings().nanosByStage().forEach((stage, nanos) -> timings.put(stage, round(nanos / 1e6, 3)));
        timings.put("end_to_end", round(r.latencyNanos() / 1e6, 3));
        o.put("deadline_met", r.deadlineMet());
        return o;
    }

    /** One line of problems.jsonl. */
    public ObjectNode problem(FrameProblem p) {
        ObjectNode o = mapper.createObjectNode();
        o.put("seq", p.seq());
        o.put("stamp_ns", p.stampNanos());
        o.put("frame_id", p.frameId());
        o.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        o.put("message", p.message());
        return o;
    }

    /** summary.json: the pipeline's {@link SummaryFields}, nested at the dots (counts as integers, the rest rounded). */
    public ObjectNode summary(PipelineSummary s) {
        ObjectNode o = mapper.createObjectNode();
        SummaryFields.of(s).forEach((key, value) -> putDotted(o, key, value));
        return o;
    }

    private static void putDotted(ObjectNode root, String key, Number value) {
        String[] path = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            node = node.has(path[i]) ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
        }
        String leaf = path[path.length - 1];
        if (value instanceof Long || value instanceof Integer) {
            node.put(leaf, value.longValue());
        } else {
            node.put(leaf, round(value.doubleValue(), 4));
        }
    }

    /**
     * The {@code overlay} object of summary.json: {@code video} (file name or null), {@code frames_written},
     * {@code frames_dropped}, {@code fps}, {@code width}, {@code height}, {@code codec}, {@code encode_ms} and
     * {@code handoff_ms} ({@code p50}, {@code p99}, {@code mean}), {@code blocked_ms} and {@code error} when any.
     */
    public ObjectNode overlay(OverlayStats s) {
        ObjectNode o = mapper.createObjectNode();
        if (s.videoEnabled()) {
            o.put("video", "overlay.mp4");
        } else {
            o.putNull("video");
        }
        o.put("frames_written", s.framesWritten());
        o.put("frames_dropped", s.framesDropped());
        o.put("fps", round(s.fps(), 3));
        o.put("width", s.width());
        o.put("height", s.height());
        o.put("codec", s.codec());
        latency(o.putObject("encode_ms"), s.encodeMs());
        latency(o.putObject("handoff_ms"), s.handoffMs());
        o.put("blocked_ms", round(s.blockedMs(), 1));
        s.error().ifPresent(e -> o.put("error", e));
        return o;
    }

    private static void latency(ObjectNode l, LatencySummary s) {
        l.put("p50", round(s.p50(), 3));
        l.put("p99", round(s.p99(), 3));
        l.put("mean", round(s.mean(), 3));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
