package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.datasets.baselines.HogPedestrianDetector;
import dev.triage.datasets.baselines.HoughLaneFinder;
import dev.triage.datasets.eval.ClassMetrics;
import dev.triage.datasets.eval.DetectionEvaluator;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.datasets.eval.EvaluationSink;
import dev.triage.datasets.eval.LaneMetrics;
import dev.triage.datasets.eval.PerSourceEvaluationSink;
import dev.triage.datasets.eval.TuSimpleLaneEvaluator;
import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.datasets.labels.LabelledFrame;
import dev.triage.datasets.labels.LabelledRecordingSource;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.SourceOptions;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.gating.AllExpertsPolicy;
import dev.triage.gating.FixedPolicy;
import dev.triage.gating.PerFramePolicy;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.output.MetricsJson;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.ReplayRun;
import dev.triage.perception.spi.ContextPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code triage eval}: runs a labelled dataset through the pipeline under each routing policy (gated, one
 * {@code always_<scene>} per gate scene, and {@code both}: every expert) with one set of loaded models, plus the
 * OpenCV baselines (HOG people detector, Canny + Hough lanes), and writes {@code metrics.json} and a Markdown table.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the gate, the experts and the routing policies on a labelled dataset.",
                "DATASET is a folder with labels.csv (filename,scene,source), or a folder of such sets (like "
                        + "shared/data). Boxes come from KITTI label_2, boxes.csv or boxes_projected.csv; lanes from "
                        + "TuSimple JSON lines or LaneNet masks.",
                "Every frame runs through the pipeline (lossless, nothing dropped) once per policy: gated, "
                        + "always_<scene> for each scene of the gate (always_urban, always_highway with the shipped "
                        + "gate), and both (every expert). Frames are independent stills (the gated policy starts "
                        + "afresh on each) unless --as-drive is given. The OpenCV baselines hog_pedestrian and hough_lanes "
                        + "run on the pedestrian- and lane-labelled frames.",
                "Pedestrian metrics use only frames whose pedestrian boxes are visible people (complete labels); "
                        + "projected 3D boxes (nuScenes, Argoverse) make pedestrians ignore regions and vehicles "
                        + "weak labels. Lanes are scored at the labels' own rows and resolution (TuSimple rules).",
                "Every figure is also reported per source (set folder): policies.<policy>.by_source in metrics.json, "
                        + "and a second table for the gated policy.",
                "A labelled drive is DATASET = a recording (ROS 1 .bag, ROS 2 bag folder, .mcap or .db3) with "
                        + "--labels DIR: the same label files, naming frames by header stamp instead of filename "
                        + "(labels.csv stamp,scene,source; boxes.csv stamp,class,x1,y1,x2,y2; label_2/<stamp ns>.txt; "
                        + "TuSimple JSON with \"stamp\" for \"raw_file\"). Frames and labels whose stamps do not meet "
                        + "are counted in metrics.json (labels) and notes.",
                "Writes DIR/metrics.json and prints the Markdown tables."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "2:bad arguments, configuration, model, dataset or label file",
                "3:the recording broke off early; the metrics cover the frames before the break"})
public final class EvalCommand implements Callable<Integer> {
    /** The fixed scene policies are this prefix and a scene name. */
    static final String ALWAYS = "always_";

    /** The policies compared for a gate with {@code scenes}, in table order. */
    static List<String> policies(List<String> scenes) {
        List<String> all = new ArrayList<>(List.of("gated"));
        scenes.forEach(s -> all.add(ALWAYS + s));
        all.add("both");
        return all;
    }

    @Parameters(index = "0", paramLabel = "DATASET", description = "Labelled dataset folder (labels.csv), or a "
            + "recording with --labels.")
    Path dataset;

    @Mixin
    RecordingOptions recording = new RecordingOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration over the defaults "
            + "(schema: launch/src/main/resources/config/triage.schema.json).")
    Path configFile;

    @Option(names = "--budget-ms", paramLabel = "MS", description = "Latency budget per frame (default from config: 50).")
    Double budgetMs;

    @Option(names = "--frames", paramLabel = "N", description = "Use only the first N frames of the dataset.")
    Long frames;

    @Option(names = "--split", paramLabel = "CSV", description = "Evaluate only the frames listed in this file "
            + "(labels.csv format, paths relative to DATASET), e.g. training/splits/dev_val.csv: the fixed "
            + "dev-validation split that no model trains on.")
    Path split;

    @Option(names = "--policies", split = ",", paramLabel = "P", description = "Policies to run (default: all of "
            + "gated, always_<scene> for each gate scene, both; with the shipped gate "
            + "gated,always_urban,always_highway,both).")
    List<String> policies;

    @Option(names = "--no-baselines", description = "Skip the OpenCV baselines.")
    boolean noBaselines;

    @Option(names = "--as-drive", description = "Route the frames in order through one gated policy, as one drive "
            + "(smoothing and dwell carry over). Default: every frame is an independent still, routed by a fresh "
            + "policy.")
    boolean asDrive;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        Path labelsDir = recording.labels;
        if (!Files.exists(dataset)) {
            return CliErrors.fail(dataset + (labelsDir == null ? ": no such dataset folder" : ": no such recording"));
        }
        if (labelsDir == null && recording.any()) {
            return CliErrors.fail("--topic and --speed-topic apply to a recording with --labels only");
        }
        if (labelsDir != null && split != null) {
            return CliErrors.fail("--split lists image files; it does not apply to a recording with --labels");
        }
        if (labelsDir == null && (!Files.isDirectory(dataset) || !LabelledDataset.isDataset(dataset))) {
            return CliErrors.fail(dataset + ": not a labelled dataset (no labels.csv in it or its subfolders); "
                    + "a recording needs --labels DIR");
        }
        for (String p : policies == null ? List.<String>of() : policies) {
            if (!p.equals("gated") && !p.equals("both") && !(p.startsWith(ALWAYS) && p.length() > ALWAYS.length())) {
                return CliErrors.fail("--policies: unknown policy '" + p + "'; allowed: gated, always_<scene>, both");
            }
        }
        if (frames != null && frames < 1) {
            return CliErrors.fail("--frames: must be at least 1, got " + frames);
        }
        TriageConfig config;
        try {
            config = RunConfig.load(configFile, budgetMs);
        } catch (ConfigException e) {
            return CliErrors.fail(e.getMessage());
        }
        double budget = config.budgetMs();
        long maxFrames = frames == null ? Long.MAX_VALUE : frames;
        EvalInput input;
        try {
            input = labelsDir != null ? labelledRecording(maxFrames) : EvalInput.folder(split == null
                    ? LabelledDataset.load(dataset) : LabelledDataset.load(dataset).only(split), maxFrames);
        } catch (IOException e) {
            return CliErrors.fail(e.getMessage());
        }
        LabelledDataset data = input.labels();
        List<String> notes = new ArrayList<>(data.notes());
        notes.forEach(n -> System.err.println("note: " + n));
        Files.createDirectories(out);

        PipelineSettings settings = config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS);
        Map<String, PolicyRun> results = new LinkedHashMap<>();
        Optional<LabelledRecordingSource.Matching> matching = Optional.empty();
        Optional<String> sourceError = Optional.empty();
        try (PerceptionStack stack = StackFactory.create(config, Installation.home())) {
            List<String> known = policies(stack.scenes());
            List<String> runs = policies == null ? known : policies;
            for (String p : runs) {
                if (!known.contains(p)) {
                    return CliErrors.fail("--policies: unknown policy '" + p + "'; allowed with this gate: "
                            + String.join(", ", known));
                }
            }
            for (String name : runs) {
                EvaluationSink sink = new EvaluationSink(data.scopes());
                LabelledDataset evaluated = data;
                PerSourceEvaluationSink bySource = new PerSourceEvaluationSink(
                        r -> evaluated.frameOf(r).map(LabelledFrame::set), data.scopes());
                CameraWorker.Builder worker = stack.addTo(CameraWorker.builder(), policy(name, config, asDrive))
                        .addSink(sink).addSink(bySource);
                ReplayRun run;
                try (FrameSource source = input.open()) {
                    run = Pipeline.replay(source, worker, settings, maxFrames);
                    if (source instanceof LabelledRecordingSource recorded) {
                        matching = Optional.of(recorded.matching());
                    }
                }
                sourceError = run.sourceError().map(Exception::getMessage);
                results.put(name, new PolicyRun(sink.report(), bySource.reports(), run.summary()));
                System.err.println("eval: policy " + name + " done (" + run.summary().framesProcessed() + " frames)");
            }
        } catch (StackFactory.StackException | SourceException e) {
            return CliErrors.fail(e.getMessage());
        }
        sourceError.ifPresent(e -> notes.add("the recording broke off: " + e));
        matching.ifPresent(m -> m.lines(labelsDir.toString()).forEach(line -> {
            System.err.println("note: " + line);
            notes.add(line);
        }));

        Optional<Baseline> hog = Optional.empty();
        Optional<Baseline> hough = Optional.empty();
        if (!noBaselines) {
            hog = hogBaseline(input, notes);
            hough = houghBaseline(input, notes);
        }

        List<String> omitted = new ArrayList<>();
        long frameCount = matching.map(LabelledRecordingSource.Matching::matched)
                .orElse(Math.min(maxFrames, data.frames().size()));
        ObjectNode metrics = metricsJson(frameCount, results, hog, hough, notes, omitted);
        matching.ifPresent(m -> metrics.set("labels", new MetricsJson(mapper).labelMatching(m, labelsDir)));
        omitted.forEach(m -> System.err.println("omitted: " + m));
        Files.writeString(out.resolve("metrics.json"),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(metrics) + "\n");
        System.out.print(table(results, hog, hough));
        System.out.println();
        String headlineName = headlinePolicy(results);
        System.out.println("per source (" + headlineName + "):");
        System.out.print(sourceTable(results.get(headlineName).bySource()));
        System.out.println();
        System.out.println("metrics in " + out.resolve("metrics.json"));
        if (sourceError.isPresent()) {
            System.err.println("triage: " + sourceError.get());
            return 3;
        }
        return 0;
    }

    /** The recording DATASET with its --labels sidecar; checks that DATASET opens as a recording. */
    private EvalInput labelledRecording(long maxFrames) throws IOException {
        SourceOptions options = recording.sourceOptions(Optional.empty());
        try (FrameSource probe = SourceFactory.open(dataset.toString(), options)) {
            if (!(probe instanceof LabelledRecordingSource)) {
                throw new IOException("--labels applies to recordings (.bag, .mcap, .db3, rosbag2 folders) only, "
                        + "not to " + dataset);
            }
        } catch (SourceException e) {
            throw new IOException(e.getMessage(), e);
        }
        return EvalInput.recording(dataset.toString(), options, maxFrames);
    }

    private static ContextPolicy policy(String name, TriageConfig config, boolean asDrive) {
        if (name.startsWith(ALWAYS)) {
            return FixedPolicy.always(name.substring(ALWAYS.length()));
        }
        return switch (name) {
            case "gated" -> asDrive ? StackFactory.gatePolicy(config)
                    : new PerFramePolicy(() -> StackFactory.gatePolicy(config));
            case "both" -> new AllExpertsPolicy();
            default -> throw new IllegalArgumentException("unknown policy " + name);
        };
    }

    /** One policy's outcome: over all frames and per source (set folder). */
    private record PolicyRun(EvaluationReport report, Map<String, EvaluationReport> bySource,
                             PipelineSummary summary) {
        Optional<ClassMetrics> pedestrian() {
            return pedestrian(report);
        }

        static Optional<ClassMetrics> pedestrian(EvaluationReport report) {
            return Optional.ofNullable(report.detections().get(ObjectClass.PEDESTRIAN)).filter(m -> m.groundTruth() > 0);
        }
    }

    /** One baseline's outcome: pedestrian metrics or lane metrics, with per-frame latency. */
    private record Baseline(int frames, Optional<ClassMetrics> pedestrian, Optional<LaneMetrics> lanes,
                            LatencySummary latency) {
    }

    private Optional<Baseline> hogBaseline(EvalInput input, List<String> notes) {
        if (input.labels().frames().stream().noneMatch(f -> f.scoresCompletely(ObjectClass.PEDESTRIAN))) {
            return Optional.empty();
        }
        OpenCv.load();
        HogPedestrianDetector hog = new HogPedestrianDetector(HogPedestrianDetector.Params.defaults());
        DetectionEvaluator eval = DetectionEvaluator.iou50();
        List<Double> ms = new ArrayList<>();
        input.forEachDecoded(f -> f.scoresCompletely(ObjectClass.PEDESTRIAN), (f, bgr) -> {
            List<Detection> found = timed(ms, () -> hog.detect(bgr));
            eval.add(found, f.truth().objects().stream()
                    .filter(o -> o.label().equals(ObjectClass.PEDESTRIAN)).toList(), f.truth().ignore());
        }, notes);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(ms.size(), Optional.ofNullable(eval.metrics().get(ObjectClass.PEDESTRIAN)),
                Optional.empty(), summarise(ms)));
    }

    private Optional<Baseline> houghBaseline(EvalInput input, List<String> notes) {
        if (input.labels().frames().stream().noneMatch(f -> f.truth().lanes().isPresent())) {
            return Optional.empty();
        }
        OpenCv.load();
        HoughLaneFinder finder = new HoughLaneFinder(HoughLaneFinder.Params.defaults());
        TuSimpleLaneEvaluator eval = new TuSimpleLaneEvaluator();
        List<Double> ms = new ArrayList<>();
        input.forEachDecoded(f -> f.truth().lanes().isPresent(), (f, bgr) -> {
            List<Lane> found = timed(ms, () -> finder.find(bgr));
            eval.add(found, f.truth().lanes().get(), bgr.cols());
        }, notes);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        LaneMetrics m = eval.metrics();
        return Optional.of(new Baseline(ms.size(), Optional.empty(),
                m.frames() == 0 ? Optional.empty() : Optional.of(m), summarise(ms)));
    }

    /** Times {@code work} (decoding is not timed) and adds the milliseconds to {@code ms}. */
    private static <T> T timed(List<Double> ms, java.util.function.Supplier<T> work) {
        long t0 = System.nanoTime();
        T out = work.get();
        ms.add((System.nanoTime() - t0) / 1e6);
        return out;
    }

    private static LatencySummary summarise(List<Double> ms) {
        LatencyHistogram histogram = new LatencyHistogram();
        ms.forEach(histogram::recordMillis);
        return histogram.summary();
    }

    private ObjectNode metricsJson(long frameCount, Map<String, PolicyRun> results, Optional<Baseline> hog,
                                   Optional<Baseline> hough, List<String> notes, List<String> omitted) {
        MetricsJson json = new MetricsJson(mapper);
        ObjectNode o = mapper.createObjectNode();
        o.put("dataset", dataset.toAbsolutePath().normalize().toString());
        o.put("frames", frameCount);
        if (split != null) {
            o.put("split", split.toAbsolutePath().normalize().toString());
        }
        String headlineName = headlinePolicy(results);
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
            ObjectNode share = p.putObject("expert_share");
            s.expertShare().forEach(share::put);
            ObjectNode sources = p.putObject("by_source");
            run.bySource().forEach((source, report) -> sources.set(source, json.metrics(report, report.sceneFrames())));
            policiesNode.set(name, p);
        });

        ObjectNode baselines = o.putObject("baselines");
        hog.ifPresent(b -> {
            ObjectNode n = b.pedestrian().map(m -> json.classMetrics(m, "complete")).orElse(mapper.createObjectNode());
            n.put("frames", b.frames());
            n.set("latency_ms", json.latency(b.latency()));
            n.put("method", "OpenCV HOG default people detector, detectMultiScale(scale 1.05, stride 8, padding 16, "
                    + "group 2), frames over 1280 px wide scaled down, boxes shrunk to 60% x 80% of the window");
            baselines.set("hog_pedestrian", n);
        });
        if (hog.isEmpty() && !noBaselines) {
            omitted.add("baselines.hog_pedestrian.*: no frame has complete pedestrian boxes");
        }
        hough.ifPresent(b -> {
            ObjectNode n = b.lanes().map(json::lane).orElse(mapper.createObjectNode());
            n.set("latency_ms", json.latency(b.latency()));
            n.put("method", "grey, Gaussian 5x5, Canny 50/150, trapezoid ROI from 60% of the height, HoughLinesP, "
                    + "left/right by slope, one least-squares line per side (slots 1 and 2)");
            baselines.set("hough_lanes", n);
        });
        if (hough.isEmpty() && !noBaselines) {
            omitted.add("baselines.hough_lanes.*: no frame has lane labels");
        }
        ArrayNode notesNode = o.putArray("notes");
        notes.forEach(notesNode::add);
        ArrayNode omittedNode = o.putArray("omitted");
        omitted.forEach(omittedNode::add);
        return o;
    }

    private static String table(Map<String, PolicyRun> results, Optional<Baseline> hog, Optional<Baseline> hough) {
        StringBuilder t = new StringBuilder();
        t.append("| run | gate acc (routed) | gate acc (per frame) | ped recall@0.5 | ped AP50 | lane acc | lane FP "
                + "| lane FN | mean ms | p99 ms |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach((name, run) -> {
            LatencySummary e2e = run.summary().latencyMs().get("end_to_end");
            Optional<LaneMetrics> lanes = run.report().lanes();
            t.append(row(name, run.report().sceneAccuracy().map(EvalCommand::f3),
                    run.report().rawSceneAccuracy().map(EvalCommand::f3),
                    run.pedestrian().map(m -> f3(m.recall())), run.pedestrian().map(m -> f3(m.ap50())),
                    lanes.map(l -> f3(l.accuracy())), lanes.map(l -> f3(l.fp())), lanes.map(l -> f3(l.fn())),
                    Optional.ofNullable(e2e).map(e -> f1(e.mean())), Optional.ofNullable(e2e).map(e -> f1(e.p99()))));
        });
        hog.ifPresent(b -> t.append(row("baseline: HOG pedestrians", Optional.empty(), Optional.empty(),
                b.pedestrian().map(m -> f3(m.recall())), b.pedestrian().map(m -> f3(m.ap50())), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(f1(b.latency().mean())),
                Optional.of(f1(b.latency().p99())))));
        hough.ifPresent(b -> t.append(row("baseline: Canny + Hough lanes", Optional.empty(), Optional.empty(),
                Optional.empty(),
                Optional.empty(), b.lanes().map(l -> f3(l.accuracy())), b.lanes().map(l -> f3(l.fp())),
                b.lanes().map(l -> f3(l.fn())), Optional.of(f1(b.latency().mean())),
                Optional.of(f1(b.latency().p99())))));
        return t.toString();
    }

    /** The policy whose figures head the report: gated when it ran, else the first. */
    private static String headlinePolicy(Map<String, PolicyRun> results) {
        return results.containsKey("gated") ? "gated" : results.keySet().iterator().next();
    }

    private static String sourceTable(Map<String, EvaluationReport> bySource) {
        StringBuilder t = new StringBuilder();
        t.append("| source | frames | gate acc (routed) | gate acc (per frame) | ped recall@0.5 | ped AP50 | lane acc |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        bySource.forEach((source, r) -> t.append(row(source, Optional.of(Integer.toString(r.sceneFrames())),
                r.sceneAccuracy().map(EvalCommand::f3), r.rawSceneAccuracy().map(EvalCommand::f3),
                PolicyRun.pedestrian(r).map(m -> f3(m.recall())), PolicyRun.pedestrian(r).map(m -> f3(m.ap50())),
                r.lanes().map(l -> f3(l.accuracy())))));
        return t.toString();
    }

    @SafeVarargs
    private static String row(String name, Optional<String>... cells) {
        StringBuilder r = new StringBuilder("| ").append(name).append(" |");
        for (Optional<String> c : cells) {
            r.append(' ').append(c.orElse("–")).append(" |");
        }
        return r.append('\n').toString();
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
