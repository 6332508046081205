package dev.triage.launch.output;

import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.Stages;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.ResultSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, in bounded memory, what the HTML report needs about every frame: the decided and true scene (by index
 * into {@link #scenes()}: the gate's classes, then any other labelled scene), the raw and smoothed probability of
 * each scene, the end-to-end latency, deadline and expert flags (7 + 8 x scenes bytes a frame; past
 * {@value #MAX_FRAMES} frames every other record is dropped and the stride doubles), a latency histogram per stage
 * (0.1 ms bins up to 1 s), and the first {@value #MAX_PROBLEM_ROWS} problem frames with a count of the rest.
 * Keeps no images. A {@link ResultSink}: called on the worker thread; read it after the run.
 */
public final class ReportCollector implements ResultSink {
    /** Problem frames listed one by one; the rest are counted. */
    public static final int MAX_PROBLEM_ROWS = 200;
    /** Per-frame records kept before the collector halves its resolution. */
    public static final int MAX_FRAMES = 1 << 18;
    /** Scenes beyond this many (gate classes and labels together) are recorded as unknown. */
    public static final int MAX_SCENES = 100;
    static final byte UNKNOWN = -1;
    static final byte DROPPED = -2;
    static final byte FAILED = -3;
    static final int MISSED = 1;
    static final int UNCERTAIN = 2;
    static final int PROBLEM = 4;
    private static final int MAX_MESSAGE = 300;

    private byte[] decided = new byte[1024];
    private byte[] truth = new byte[1024];
    private final List<String> scenes = new ArrayList<>();
    private final List<float[]> raw = new ArrayList<>();
    private final List<float[]> smooth = new ArrayList<>();
    private float[] endToEndMs = new float[1024];
    private byte[] flags = new byte[1024];
    private int records;
    private long stride = 1;
    private long frames;
    private boolean anyTruth;
    private long deadlineMisses;
    private final Map<String, LatencyHistogram> stages = new LinkedHashMap<>();
    private final Map<String, Long> expertRuns = new LinkedHashMap<>();
    private final Map<FrameProblem.Kind, Long> problemCounts = new EnumMap<>(FrameProblem.Kind.class);
    private final List<FrameProblem> problemRows = new ArrayList<>();

    @Override
    public void accept(PerceptionResult r) {
        int f = r.deadlineMet() ? 0 : MISSED;
        if (r.context().uncertain()) {
            f |= UNCERTAIN;
        }
        if (!r.deadlineMet()) {
            deadlineMisses++;
        }
        r.context().raw().scenes().forEach(this::sceneIndex);
        byte t = r.truth().flatMap(g -> g.scene()).map(this::sceneIndex).orElse(UNKNOWN);
        int index = add(sceneIndex(r.context().scene()), t, (float) (r.latencyNanos() / 1e6), f);
        if (index >= 0) {
            record(raw, index, r.context().raw());
            record(smooth, index, r.context().probabilities());
        }
        stage(Stages.END_TO_END).record(r.latencyNanos());
        r.timings().nanosByStage().forEach((stage, nanos) -> stage(stage).record(nanos));
        for (String expert : r.expertsRun()) {
            expertRuns.merge(expert, 1L, Long::sum);
        }
    }

    @Override
    public void onProblem(FrameProblem p) {
        boolean dropped = p.kind() == FrameProblem.Kind.DROPPED_REPLACED || p.kind() == FrameProblem.Kind.DROPPED_STALE;
        add(dropped ? DROPPED : FAILED, UNKNOWN, Float.NaN, PROBLEM);
        problemCounts.merge(p.kind(), 1L, Long::sum);
        if (problemRows.size() < MAX_PROBLEM_ROWS) {
            String m = p.message();
            problemRows.add(new FrameProblem(p.seq(), p.stampNanos(), p.frameId(), p.kind(),
                    m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m));
        }
    }

    private LatencyHistogram stage(String name) {
        return stages.computeIfAbsent(name, n -> new LatencyHistogram());
    }

    /** The index of {@code scene} in {@link #scenes()}, added on first sight; unknown past {@value #MAX_SCENES}. */
    private byte sceneIndex(String scene) {
        int i = scenes.indexOf(scene);
        if (i >= 0) {
            return (byte) i;
        }
        if (scenes.size() == MAX_SCENES) {
            return UNKNOWN;
        }
        scenes.add(scene);
        float[] none = new float[decided.length];
        Arrays.fill(none, Float.NaN);
        raw.add(none);
        smooth.add(none.clone());
        return (byte) (scenes.size() - 1);
    }

    private void record(List<float[]> perScene, int index, SceneProbabilities p) {
        for (int s = 0; s < scenes.size(); s++) {
            perScene.get(s)[index] = (float) p.of(scenes.get(s));
        }
    }

    /** Adds a record and returns its index, or -1 when the stride skips it. */
    private int add(byte scene, byte trueScene, float e2e, int f) {
        long index = frames++;
        if (trueScene != UNKNOWN) {
            anyTruth = true;
        }
        if (index % stride != 0) {
            return -1;
        }
        if (records == MAX_FRAMES) {
            halve();
            if (index % stride != 0) {
                return -1;
            }
        }
        if (records == decided.length) {
            int n = Math.min(MAX_FRAMES, decided.length * 2);
            int old = decided.length;
            decided = Arrays.copyOf(decided, n);
            truth = Arrays.copyOf(truth, n);
            endToEndMs = Arrays.copyOf(endToEndMs, n);
            flags = Arrays.copyOf(flags, n);
            for (List<float[]> perScene : List.of(raw, smooth)) {
                perScene.replaceAll(a -> {
                    float[] grown = Arrays.copyOf(a, n);
                    Arrays.fill(grown, old, n, Float.NaN);
                    return grown;
                });
            }
        }
        decided[records] = scene;
        truth[records] = trueScene;
        endToEndMs[records] = e2e;
        flags[records] = (byte) f;
        for (int s = 0; s < scenes.size(); s++) {
            raw.get(s)[records] = Float.NaN;
            smooth.get(s)[records] = Float.NaN;
        }
        return records++;
    }

    private void halve() {
        int kept = 0;
        for (int i = 0; i < records; i += 2) {
            decided[kept] = decided[i];
            truth[kept] = truth[i];
            endToEndMs[kept] = endToEndMs[i];
            flags[kept] = flags[i];
            for (int s = 0; s < scenes.size(); s++) {
                raw.get(s)[kept] = raw.get(s)[i];
                smooth.get(s)[kept] = smooth.get(s)[i];
            }
            kept++;
        }
        records = kept;
        stride *= 2;
    }

    /** Frames seen (results and problems). */
    public long frames() {
        return frames;
    }

    /** Results that missed their deadline. */
    public long deadlineMisses() {
        return deadlineMisses;
    }

    /** Problem frames by kind. */
    public Map<FrameProblem.Kind, Long> problemCounts() {
        return Map.copyOf(problemCounts);
    }

    /** The first {@value #MAX_PROBLEM_ROWS} problem frames (messages cut to 300 characters). */
    public List<FrameProblem> problemRows() {
        return List.copyOf(problemRows);
    }

    /** Problem frames beyond the listed rows. */
    public long problemsNotListed() {
        return problemCounts.values().stream().mapToLong(Long::longValue).sum() - problemRows.size();
    }

    int records() {
        return records;
    }

    /** Frames per record: 1 until {@value #MAX_FRAMES} frames, then doubling. */
    long stride() {
        return stride;
    }

    boolean anyTruth() {
        return anyTruth;
    }

    /** The scene names the records index: the gate's classes in order, then labelled scenes it does not know. */
    public List<String> scenes() {
        return List.copyOf(scenes);
    }

    /** Decided scene of record {@code i}: an index into {@link #scenes()}, or {@link #DROPPED} / {@link #FAILED}. */
    byte decided(int i) {
        return decided[i];
    }

    /** True scene of record {@code i}: an index into {@link #scenes()}, or {@link #UNKNOWN}. */
    byte truth(int i) {
        return truth[i];
    }

    /** The gate's raw probability of scene {@code scene} (an index) on record {@code i}; NaN without a result. */
    float raw(int scene, int i) {
        return raw.get(scene)[i];
    }

    /** The smoothed probability of scene {@code scene} on record {@code i}; NaN without a result. */
    float smooth(int scene, int i) {
        return smooth.get(scene)[i];
    }

    float endToEndMs(int i) {
        return endToEndMs[i];
    }

    int flags(int i) {
        return flags[i];
    }

    /** Latency histograms by stage, {@code end_to_end} first. */
    Map<String, LatencyHistogram> stages() {
        return stages;
    }

    /** Results on which each expert ran. */
    Map<String, Long> expertRuns() {
        return expertRuns;
    }
}
