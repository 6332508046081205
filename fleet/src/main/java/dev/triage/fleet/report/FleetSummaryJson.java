package dev.triage.fleet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.job.FleetJob;
import dev.triage.fleet.stats.DriveSummary;
import dev.triage.perception.pipeline.LatencyHistogram;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fleet_summary.json}: drives ok and failed (each failure with its error), the notes of drives whose reader
 * said something that cost no frame, frames, deadline misses, expert share, gate switches per recorded hour,
 * latency percentiles from the merged histograms of every drive, model loads per executor, throughput, and with a
 * baseline the fleet's change counts.
 */
public final class FleetSummaryJson {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final DriveSummary EMPTY = new DriveSummary("", "", null, List.of(), 0, 0, 0, 0, 0, 0, 0, 0,
            new LatencyHistogram(), Map.of(), null);

    private FleetSummaryJson() {
    }

    /** The summary document. */
    public static ObjectNode build(FleetJob.Result result, String master, boolean withBaseline) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode failed = mapper.createArrayNode();
        result.drives().stream().filter(d -> !d.ok()).forEach(d -> failed.addObject().put("drive", d.driveId())
                .put("recording", d.spec()).put("error", d.error()));
        ArrayNode noted = mapper.createArrayNode();
        result.drives().stream().filter(d -> !d.notes().isEmpty()).forEach(d -> d.notes().forEach(
                noted.addObject().put("drive", d.driveId()).putArray("notes")::add));
        DriveSummary total = result.drives().stream().reduce(DriveSummary::plus).orElse(EMPTY);
        long frames = total.frames();
        double span = total.spanSeconds();
        LatencyHistogram latency = total.latency();
        ChangeStats changes = total.changes() == null ? ChangeStats.none() : total.changes();
        root.put("drives_ok", result.drives().size() - failed.size());
        root.set("drives_failed", failed);
        root.set("drives_with_notes", noted);
        root.put("tasks", result.tasks().size());
        root.put("frames", frames);
        root.put("frames_in", total.framesIn());
        root.put("frames_failed", total.framesFailed());
        root.put("deadline_misses", total.deadlineMisses());
        ObjectNode share = root.putObject("expert_share");
        long processed = frames;
        total.expertFrames().forEach((k, v) -> share.put(k, processed == 0 ? 0 : (double) v / processed));
        root.put("recorded_hours", span / 3600);
        root.put("gate_switches", total.gateSwitches());
        root.put("gate_switches_per_hour", span == 0 ? 0 : total.gateSwitches() / (span / 3600));
        ObjectNode lat = root.putObject("latency_ms");
        lat.put("method", "percentiles of the merged per-drive histograms (HdrHistogram, within 0.1 %)");
        lat.put("count", latency.count());
        for (double q : QUANTILES) {
            lat.put("p" + Math.round(q * 100), latency.percentileNanos(q) / 1e6);
        }
        root.set("model_loads_by_executor", mapper.valueToTree(new TreeMap<>(result.modelLoadsByExecutor())));
        root.put("master", master);
        root.put("job_seconds", result.wallSeconds());
        root.put("frames_per_second", result.wallSeconds() == 0 ? 0 : frames / result.wallSeconds());
        // time inside the pipeline replays, summed over tasks (model loading and Spark excluded)
        root.put("task_seconds", total.wallSeconds());
        root.set("job_phases_s", mapper.valueToTree(result.phases()));
        if (withBaseline) {
            ObjectNode ab = root.putObject("ab");
            ab.put("frames_compared", changes.frames());
            ab.put("changed_frames", changes.changedFrames());
            ab.put("scene_flips", changes.sceneFlips());
            ab.put("lane_count_changes", changes.laneChanges());
            ab.set("detections_gained", mapper.valueToTree(changes.gained()));
            ab.set("detections_lost", mapper.valueToTree(changes.lost()));
            ObjectNode clips = root.putObject("clips");
            clips.put("rendered", result.clips().stream().filter(c -> c.frames() > 0).count());
            ArrayNode clipsFailed = clips.putArray("failed");
            result.clips().stream().filter(c -> !c.ok()).forEach(c -> clipsFailed.addObject()
                    .put("drive", c.plan().driveId()).put("file", c.plan().file()).put("frames", c.frames())
                    .put("error", c.error()));
        }
        return root;
    }
}
