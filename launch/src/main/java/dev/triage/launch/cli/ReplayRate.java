package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.launch.bench.CpuClock;
import dev.triage.perception.pipeline.PipelineSettings;

import java.util.Locale;

/**
 * How fast a replay went: frames per second of wall time and process CPU time per frame, from the first frame read
 * to the last result (models already loaded), with the load average beside them because the machine may be shared.
 *
 * @param delivery lossless, real time or throughput
 * @param lanes    frames processed at once (1 but in throughput mode)
 * @param reading  wall and CPU time of the replay
 * @param frames   frames that entered the pipeline
 */
record ReplayRate(PipelineSettings.Delivery delivery, int lanes, CpuClock.Reading reading, long frames) {

    /** Frames per second of wall time. */
    double fps() {
        return reading.wallNanos() <= 0 ? 0 : frames * 1e9 / reading.wallNanos();
    }

    /** Process CPU milliseconds per frame, all threads (negative when the JVM cannot tell). */
    double cpuMsPerFrame() {
        return reading.cpuNanos() < 0 ? -1 : reading.cpuNanos() / 1e6 / Math.max(1, frames);
    }

    /** The summary.json object {@code rate}. */
    ObjectNode json(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("mode", delivery.name().toLowerCase(Locale.ROOT));
        o.put("lanes", lanes);
        o.put("frames", frames);
        o.put("wall_s", round(reading.wallNanos() / 1e9));
        o.put("fps", round(fps()));
        o.put("cpu_s", round(reading.cpuNanos() / 1e9));
        o.put("cpu_ms_per_frame", round(cpuMsPerFrame()));
        o.put("load_average_start", round(reading.loadBefore()));
        o.put("load_average_end", round(reading.loadAfter()));
        o.put("cores", Runtime.getRuntime().availableProcessors());
        return o;
    }

    /** One phrase for the summary line. */
    String describe() {
        return String.format(Locale.ROOT, "%.1f frames/s, %.1f ms CPU per frame (%s, %d lane%s; load average %.1f)",
                fps(), cpuMsPerFrame(), delivery.name().toLowerCase(Locale.ROOT), lanes, lanes == 1 ? "" : "s",
                reading.loadAfter());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
