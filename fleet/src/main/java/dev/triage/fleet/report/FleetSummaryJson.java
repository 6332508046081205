package dev.triage.fleet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.job.FleetJob;
import dev.triage.fleet.stats.DriveSummary;
import dev.triage.fleet.stats.LatencyBuckets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fleet_summary.json}: drives ok and failed (each failure with its error), frames, deadline misses, expert
 * share, gate switches per recorded hour, latency percentiles from the merged histograms of every drive, model loads
 * per executor, throughput, and with a baseline the fleet's change counts.
 */
public final class FleetSummaryJson {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private FleetSummaryJson() {
    }

    /** The summary document. */
    public static ObjectNode build(FleetJob.Result result, String master, boolean withBaseline) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode failed = mapper.createArrayNode();
        LatencyBuckets latency = new LatencyBuckets();
        Map<String, Long> expertFrames = new TreeMap<>();
        long frames = 0;
        long framesIn = 0;
        long framesFailed = 0;
        long misses = 0;
        long switches = 0;
        double span = 0;
        double taskSeconds = 0;
        ChangeStats changes = ChangeStats.none();
        for (DriveSummary d : result.drives()) {
            if (!d.ok()) {
                failed.addObject().put("drive", d.driveId()).put("recording", d.spec()).put("error", d.error());
            }
            latency.merge(d.latency());
            d.expertFrames().forEach((k, v) -> expertFrames.merge(k, v, Long::sum));
            frames += d.frames();
            framesIn += d.framesIn();
            framesFailed += d.framesFailed();
            misses += d.deadlineMisses();
            switches += d.gateSwitches();
            span += d.spanSeconds();
            taskSeconds += d.wallSeconds();
            if (d.changes() != null) {
                changes = changes.plus(d.changes());
            }
        }
        root.put("drives_ok", result.drives().size() - failed.size());
        root.set("drives_failed", failed);
        root.put("tasks", result.tasks().size());
        root.put("frames", frames);
        root.put("frames_in", framesIn);
        root.put("frames_failed", framesFailed);
        root.put("deadline_misses", misses);
        ObjectNode share = root.putObject("expert_share");
        long processed = frames;
        expertFrames.forEach((k, v) -> share.put(k, processed == 0 ? 0 : (double) v / processed));
        root.put("recorded_hours", span / 3600);
        root.put("gate_switches", switches);
        root.put("gate_switches_per_hour", span == 0 ? 0 : switches / (span / 3600));
        ObjectNode lat = root.putObject("latency_ms");
        lat.put("method", "nearest rank over the merged per-drive histograms (" + LatencyBuckets.BUCKET_MS
                + " ms buckets)");
        lat.put("count", latency.count());
        for (double q : QUANTILES) {
            lat.put("p" + Math.round(q * 100), latency.percentile(q));
        }
        ObjectNode loads = root.putObject("model_loads_by_executor");
        new TreeMap<>(result.modelLoadsByExecutor()).forEach(loads::put);
        root.put("master", master);
        root.put("job_seconds", result.wallSeconds());
        root.put("frames_per_second", result.wallSeconds() == 0 ? 0 : frames / result.wallSeconds());
        // time inside the pipeline replays, summed over tasks (model loading and Spark excluded)
        root.put("task_seconds", taskSeconds);
        if (withBaseline) {
            ObjectNode ab = root.putObject("ab");
            ab.put("frames_compared", changes.frames());
            ab.put("changed_frames", changes.changedFrames());
            ab.put("scene_flips", changes.sceneFlips());
            ab.put("lane_count_changes", changes.laneChanges());
            ObjectNode gained = ab.putObject("detections_gained");
            changes.gained().forEach(gained::put);
            ObjectNode lost = ab.putObject("detections_lost");
            changes.lost().forEach(lost::put);
        }
        return root;
    }

    /** Writes the document to {@code file}. */
    public static void write(Path file, ObjectNode summary) throws IOException {
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
    }
}
