package dev.triage.perception.pipeline;

import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Stages;
import dev.triage.perception.spi.FrameProblem;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters and latency histograms of one camera pipeline, in fixed memory. Written by the pump and worker threads,
 * read by anyone through {@link #summary()}.
 */
public final class PipelineStats {
    private final long budgetNanos;
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadlineMisses = new AtomicLong();
    private final AtomicLong sinkErrors = new AtomicLong();
    private final AtomicLong sceneLabelled = new AtomicLong();
    private final AtomicLong sceneCorrect = new AtomicLong();
    private final AtomicLong gateSwitches = new AtomicLong();
    private final Map<FrameProblem.Kind, AtomicLong> problems = new EnumMap<>(FrameProblem.Kind.class);
    private final Map<String, LatencyHistogram> latency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> expertRuns = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sceneDecisions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> decodeIssues = new ConcurrentHashMap<>();

    /** Name of the decode-issue counter of images that decoded with a warning (and were processed). */
    public static final String DECODE_WARNING = "decode_warning";

    public PipelineStats(long budgetNanos) {
        this.budgetNanos = budgetNanos;
        for (FrameProblem.Kind kind : FrameProblem.Kind.values()) {
            problems.put(kind, new AtomicLong());
        }
    }

    /** A frame entered the pipeline. */
    public void frameIn() {
        framesIn.incrementAndGet();
    }

    /** A frame produced no result. */
    public void problem(FrameProblem.Kind kind) {
        problems.get(kind).incrementAndGet();
    }

    /**
     * Counts a named decode issue: {@code too_large}, {@code damaged} and {@code unreadable} (all also
     * {@code decode_failed} frames) or
     * {@link #DECODE_WARNING} (decoded with a warning, processed). Returns the new count.
     */
    public long decodeIssue(String name) {
        return decodeIssues.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    /** The named decode issues so far, by name (sorted). */
    public Map<String, Long> decodeIssues() {
        Map<String, Long> out = new java.util.TreeMap<>();
        decodeIssues.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** A sink threw. */
    public void sinkError() {
        sinkErrors.incrementAndGet();
    }

    /** Records the time of one stage outside a result (for example publishing). */
    public void stage(String stage, long nanos) {
        latency.computeIfAbsent(stage, s -> new LatencyHistogram()).record(nanos);
    }

    /** Accounts one finished result. */
    public void result(PerceptionResult result) {
        processed.incrementAndGet();
        if (!result.deadlineMet()) {
            deadlineMisses.incrementAndGet();
        }
        stage(Stages.END_TO_END, result.latencyNanos());
        result.timings().nanosByStage().forEach(this::stage);
        for (String expert : result.expertsRun()) {
            expertRuns.computeIfAbsent(expert, e -> new AtomicLong()).incrementAndGet();
        }
        gateSwitches.set(result.context().switches());
        sceneDecisions.computeIfAbsent(result.context().scene(), s -> new AtomicLong()).incrementAndGet();
        result.truth().flatMap(t -> t.scene()).ifPresent(truth -> {
            sceneLabelled.incrementAndGet();
            if (result.context().scene().equals(truth)) {
                sceneCorrect.incrementAndGet();
            }
        });
    }

    /** A consistent-enough snapshot for reports and diagnostics. */
    public PipelineSummary summary() {
        long done = processed.get();
        Map<String, LatencySummary> stages = new LinkedHashMap<>();
        LatencyHistogram endToEnd = latency.get(Stages.END_TO_END);
        if (endToEnd != null) {
            stages.put(Stages.END_TO_END, endToEnd.summary());
        }
        latency.entrySet().stream()
                .filter(e -> !e.getKey().equals(Stages.END_TO_END))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> stages.put(e.getKey(), e.getValue().summary()));
        Map<String, Double> share = new LinkedHashMap<>();
        expertRuns.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> share.put(e.getKey(), done == 0 ? 0 : e.getValue().get() / (double) done));
        Map<String, Double> sceneShare = new LinkedHashMap<>();
        sceneDecisions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sceneShare.put(e.getKey(), done == 0 ? 0 : e.getValue().get() / (double) done));
        Map<FrameProblem.Kind, Long> problemCounts = new EnumMap<>(FrameProblem.Kind.class);
        problems.forEach((k, v) -> problemCounts.put(k, v.get()));
        long labelled = sceneLabelled.get();
        return new PipelineSummary(framesIn.get(), done, problemCounts, deadlineMisses.get(), budgetNanos / 1e6,
                stages, share, gateSwitches.get(),
                labelled == 0 ? OptionalDouble.empty() : OptionalDouble.of(sceneCorrect.get() / (double) labelled),
                sinkErrors.get(), sceneShare);
    }
}
