package dev.triage.ros.node;

import dev.triage.perception.core.Stages;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.SummaryFields;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.diagnostic.DiagnosticArray;
import dev.triage.ros.msg.diagnostic.DiagnosticStatus;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.tcpros.SubscriptionStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the node's {@code /diagnostics} entry (one DiagnosticStatus named {@code <node>: pipeline}) from the
 * pipeline's counters and the transport's. Counts and latency percentiles are since start. Keys: first the
 * pipeline's {@link SummaryFields}, the same vocabulary as replay's summary.json, flat ({@code frames_in,
 * frames_processed, frames_dropped, frames_failed, deadline_misses, budget_ms, gate_switches, errors.<kind>}
 * (dropped_replaced, dropped_stale, decode_failed, inference_failed), {@code errors.sink,
 * latency_ms.<stage>.p50|p99|max|mean|count} ({@code end_to_end} first), {@code expert_share.<expert>,
 * scene_share.<scene>}); then the node's own: {@code drop_ratio, deadline_miss_ratio, errors.conversion,
 * errors.bad_stamp}, {@code errors.too_large} and {@code errors.damaged} (decode_failed frames named),
 * {@code errors.decode_warning} (images processed with a decoder warning), {@code errors.thread_died},
 * {@code transport.received, transport.dropped, transport.malformed,
 * transport.oversized, transport.refused, transport.publishers, transport.bad_header, transport.timeouts,
 * transport.over_budget, image_topic}, then the {@link NodeExtension}s' keys. Level: OK; WARN when frames failed
 * or more than 20 % were dropped or late since the previous report, or a thread died; ERROR when a thread died
 * since the previous report; STALE when images stopped arriving.
 */
public final class NodeDiagnostics {

    /** Everything one report needs. */
    public record Snapshot(PipelineSummary pipeline, SubscriptionStats transport, long conversionErrors,
                           long untrustedStamps, String imageTopic, List<KeyValue> extra, Map<String, Long> decodeIssues,
                           long threadsDied) {
        public Snapshot {
            extra = List.copyOf(extra);
            decodeIssues = Map.copyOf(decodeIssues);
        }
    }

    /** Named decode issues always reported (0 until they happen). */
    static final List<String> DECODE_ISSUES = List.of("too_large", "damaged", "decode_warning");

    private final String name;
    private final String hardwareId;
    private Snapshot previous;

    /**
     * @param nodeName the node's global name, used in the status name
     */
    public NodeDiagnostics(String nodeName) {
        this.name = nodeName.substring(1) + ": pipeline";
        this.hardwareId = nodeName;
    }

    /** The report for {@code now}; remembers the snapshot to judge the next period. Single-threaded. */
    public DiagnosticArray report(Snapshot s, Time now) {
        PipelineSummary p = s.pipeline();
        List<KeyValue> kv = new ArrayList<>();
        long dropped = p.framesDropped();
        SummaryFields.of(p).forEach((key, value) -> kv.add(value instanceof Long || value instanceof Integer
                ? KeyValue.of(key, value.longValue()) : KeyValue.of(key, value.doubleValue())));
        kv.add(KeyValue.of("drop_ratio", ratio(dropped, p.framesIn())));
        kv.add(KeyValue.of("deadline_miss_ratio", ratio(p.deadlineMisses(), p.framesProcessed())));
        kv.add(KeyValue.of("errors.conversion", s.conversionErrors()));
        kv.add(KeyValue.of("errors.bad_stamp", s.untrustedStamps()));
        for (String issue : DECODE_ISSUES) {
            kv.add(KeyValue.of("errors." + issue, s.decodeIssues().getOrDefault(issue, 0L)));
        }
        kv.add(KeyValue.of("errors.thread_died", s.threadsDied()));
        SubscriptionStats t = s.transport();
        kv.add(KeyValue.of("transport.received", t.received()));
        kv.add(KeyValue.of("transport.dropped", t.dropped()));
        kv.add(KeyValue.of("transport.malformed", t.malformed()));
        kv.add(KeyValue.of("transport.oversized", t.oversized()));
        kv.add(KeyValue.of("transport.refused", t.refused()));
        kv.add(KeyValue.of("transport.publishers", t.publishers()));
        kv.add(KeyValue.of("transport.bad_header", t.badHeaders()));
        kv.add(KeyValue.of("transport.timeouts", t.timeouts()));
        kv.add(KeyValue.of("transport.over_budget", t.overBudget()));
        kv.add(new KeyValue("image_topic", s.imageTopic()));
        kv.addAll(s.extra());

        byte level = DiagnosticStatus.OK;
        String message = "ok";
        if (previous != null) {
            long in = p.framesIn() - previous.pipeline().framesIn();
            long failed = p.framesFailed() - previous.pipeline().framesFailed() + s.conversionErrors()
                    - previous.conversionErrors();
            long lost = dropped - previous.pipeline().framesDropped();
            long late = p.deadlineMisses() - previous.pipeline().deadlineMisses();
            if (s.threadsDied() > previous.threadsDied()) {
                level = DiagnosticStatus.ERROR;
                message = (s.threadsDied() - previous.threadsDied()) + " threads died since the last report "
                        + "(restarted; see the log)";
            } else if (in == 0 && p.framesIn() > 0) {
                level = DiagnosticStatus.STALE;
                message = "no images since the last report";
            } else if (failed > 0) {
                level = DiagnosticStatus.WARN;
                message = failed + " images failed since the last report";
            } else if (in > 0 && (lost + late) * 5 > in) {
                level = DiagnosticStatus.WARN;
                message = lost + " dropped and " + late + " late of " + in + " images since the last report";
            }
        } else if (p.framesIn() == 0) {
            message = "waiting for images on " + s.imageTopic();
        }
        previous = s;
        return new DiagnosticArray(new Header(0, now, ""),
                List.of(new DiagnosticStatus(level, name, message, hardwareId, kv)));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

}
