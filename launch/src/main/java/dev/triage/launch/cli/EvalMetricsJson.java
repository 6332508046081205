package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.launch.output.MetricsJson;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code metrics.json} of {@code triage eval}: the headline policy's figures at the top, every policy's (with
 * latency, failures, misses, expert share and per-source figures) under {@code policies}, the baselines, the notes
 * and what was omitted for want of labels.
 */
final class EvalMetricsJson {
    private static final String HOG_METHOD = "OpenCV HOG default people detector, detectMultiScale(scale 1.05, "
            + "stride 8, padding 16, group 2), frames over 1280 px wide scaled down, boxes shrunk to 60% x 80% of the "
            + "window";
    private static final String HOUGH_METHOD = "grey, Gaussian 5x5, Canny 50/150, trapezoid ROI from 60% of the "
            + "height, HoughLinesP, left/right by slope, one least-squares line per side (slots 1 and 2)";

    private EvalMetricsJson() {
    }

    /** Builds the document; adds a line to {@code omitted} for every figure the labels cannot give. */
    static ObjectNode build(ObjectMapper mapper, Path dataset, Optional<Path> split, boolean baselinesAsked,
                            long frameCount, Map<String, PolicyRun> results, Optional<EvalBaselines.Result> hog,
                            Optional<EvalBaselines.Result> hough, List<String> notes, List<String> omitted) {
        MetricsJson json = new MetricsJson(mapper);
        ObjectNode o = mapper.createObjectNode();
        o.put("dataset", dataset.toAbsolutePath().normalize().toString());
        o.put("frames", frameCount);
        split.ifPresent(s -> o.put("split", s.toAbsolutePath().normalize().toString()));
        String headlineName = EvalTables.headlinePolicy(results);
        PolicyRun headline = results.get(headlineName);
        o.put("headline_policy", headlineName);
        ObjectNode head = json.metrics(headline.report(), headline.summary().framesProcessed());
        for (String key : List.of("gate", "urban", "highway")) {
            if (head.has(key)) {
                o.set(key, head.get(key));
            }
        }
        if (!o.has("gate")) {
            omitted.add("gate.*: no frame has a scene label");
        }
        if (headline.pedestrian().isEmpty()) {
            omitted.add("urban.pedestrian.*: no frame has complete pedestrian boxes (visible people, e.g. a "
                    + "pedestrians_* set with boxes.csv or KITTI label_2)");
        }
        if (headline.report().lanes().isEmpty()) {
            omitted.add("highway.lane.*: no frame has lane labels (TuSimple JSON lines or LaneNet masks)");
        }

        ObjectNode policiesNode = o.putObject("policies");
        results.forEach((name, run) -> {
            ObjectNode p = json.metrics(run.report(), run.summary().framesProcessed());
            PipelineSummary s = run.summary();
            LatencySummary e2e = s.latencyMs().get("end_to_end");
            if (e2e != null) {
                p.set("latency_ms", json.latency(e2e));
            }
            p.put("frames_failed", s.framesFailed());
            p.put("deadline_misses", s.deadlineMisses());
            p.put("budget_ms", s.budgetMs());
            p.set("expert_share", mapper.valueToTree(s.expertShare()));
            ObjectNode sources = p.putObject("by_source");
            run.bySource().forEach((source, report) -> sources.set(source, json.metrics(report, report.sceneFrames())));
            policiesNode.set(name, p);
        });

        ObjectNode baselines = o.putObject("baselines");
        hog.ifPresent(b -> {
            ObjectNode figures = b.pedestrian().map(m -> json.classMetrics(m, "complete"))
                    .orElse(mapper.createObjectNode()).put("frames", b.frames());
            baselines.set("hog_pedestrian", baseline(json, figures, b.latency(), HOG_METHOD));
        });
        if (hog.isEmpty() && baselinesAsked) {
            omitted.add("baselines.hog_pedestrian.*: no frame has complete pedestrian boxes");
        }
        hough.ifPresent(b -> baselines.set("hough_lanes", baseline(json,
                b.lanes().map(json::lane).orElse(mapper.createObjectNode()), b.latency(), HOUGH_METHOD)));
        if (hough.isEmpty() && baselinesAsked) {
            omitted.add("baselines.hough_lanes.*: no frame has lane labels");
        }
        ArrayNode notesNode = o.putArray("notes");
        notes.forEach(notesNode::add);
        ArrayNode omittedNode = o.putArray("omitted");
        omitted.forEach(omittedNode::add);
        return o;
    }

    /** A baseline's object: its {@code figures}, then {@code latency_ms} and {@code method}. */
    private static ObjectNode baseline(MetricsJson json, ObjectNode figures, LatencySummary latency, String method) {
        figures.set("latency_ms", json.latency(latency));
        return figures.put("method", method);
    }
}
