package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.datasets.eval.EvaluationSink;
import dev.triage.datasets.eval.PerSourceEvaluationSink;
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
import dev.triage.launch.output.JsonFiles;
import dev.triage.launch.output.MetricsJson;
import dev.triage.launch.wiring.LaneStacks;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
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
import java.util.LinkedHashMap;
import java.util.List;
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
    RunOptions runOptions = new RunOptions();

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
        Path labelsDir = runOptions.recording.labels;
        if (!Files.exists(dataset)) {
            return CliErrors.fail(dataset + (labelsDir == null ? ": no such dataset folder" : ": no such recording"));
        }
        if (labelsDir == null && runOptions.recording.any()) {
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
        if (split != null && !Files.isRegularFile(split)) {
            return CliErrors.fail("--split " + split + (Files.isDirectory(split) ? ": a folder, not a CSV file"
                    : ": no such file"));
        }
        if (runOptions.problem().isPresent()) {
            return CliErrors.fail(runOptions.problem().get());
        }
        Optional<String> badOut = runOptions.prepareOut();
        if (badOut.isPresent()) {
            return CliErrors.fail(badOut.get());
        }
        TriageConfig config;
        try {
            config = runOptions.config();
        } catch (ConfigException e) {
            return CliErrors.fail(e.getMessage());
        }
        long maxFrames = runOptions.maxFrames();
        EvalInput input;
        try {
            input = labelsDir != null ? labelledRecording(maxFrames) : EvalInput.folder(split == null
                    ? LabelledDataset.load(dataset) : LabelledDataset.load(dataset).only(split), maxFrames);
        } catch (IOException e) {
            return CliErrors.fail(CliErrors.describe(e));
        }
        LabelledDataset data = input.labels();
        List<String> notes = new ArrayList<>(data.notes());
        notes.forEach(n -> System.err.println("note: " + n));
        if (split != null && data.frames().isEmpty()) {
            return CliErrors.fail("--split " + split + ": none of its frames is in " + dataset + " (see the notes)");
        }
        PipelineSettings settings =
                config.pipelineSettings(runOptions.throughput.delivery(PipelineSettings.Delivery.LOSSLESS));
        Map<String, PolicyRun> results = new LinkedHashMap<>();
        Optional<LabelledRecordingSource.Matching> matching = Optional.empty();
        Optional<String> sourceError = Optional.empty();
        try (PerceptionStack stack = StackFactory.create(config, Installation.home());
             LaneStacks lanes = LaneStacks.load(config, Installation.home(), runOptions.throughput.laneCount())) {
            for (String unknown : data.unknownScenes(stack.scenes())) {
                System.err.println("note: " + unknown);
                notes.add(unknown);
            }
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
                CameraWorker.Builder worker = lanes.addTo(stack.addTo(CameraWorker.builder(),
                        policy(name, config, asDrive)))
                        .addSink(sink).addSink(bySource);
                ReplayRun run;
                try (FrameSource source = input.open()) {
                    run = Pipeline.replay(source, worker, settings, maxFrames);
                    for (String note : source.notes()) {
                        if (!notes.contains(note)) {
                            System.err.println("note: " + note);
                            notes.add(note);
                        }
                    }
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

        Optional<EvalBaselines.Result> hog = Optional.empty();
        Optional<EvalBaselines.Result> hough = Optional.empty();
        if (!noBaselines) {
            hog = EvalBaselines.hog(input, notes);
            hough = EvalBaselines.hough(input, notes);
        }

        List<String> omitted = new ArrayList<>();
        long frameCount = matching.map(LabelledRecordingSource.Matching::matched)
                .orElse(Math.min(maxFrames, data.frames().size()));
        ObjectNode metrics = EvalMetricsJson.build(mapper, dataset, Optional.ofNullable(split), !noBaselines,
                frameCount, results, hog, hough, notes, omitted);
        matching.ifPresent(m -> metrics.set("labels", new MetricsJson(mapper).labelMatching(m, labelsDir)));
        omitted.forEach(m -> System.err.println("omitted: " + m));
        JsonFiles.write(runOptions.out.resolve("metrics.json"), metrics);
        System.out.print(EvalTables.table(results, hog, hough));
        System.out.println();
        String headlineName = EvalTables.headlinePolicy(results);
        System.out.println("per source (" + headlineName + "):");
        System.out.print(EvalTables.sourceTable(results.get(headlineName).bySource()));
        System.out.println();
        System.out.println("metrics in " + runOptions.out.resolve("metrics.json"));
        if (sourceError.isPresent()) {
            System.err.println("triage: " + sourceError.get());
            return 3;
        }
        return 0;
    }

    /** The recording DATASET with its --labels sidecar; checks that DATASET opens as a recording. */
    private EvalInput labelledRecording(long maxFrames) throws IOException {
        SourceOptions options = runOptions.recording.sourceOptions(Optional.empty());
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

}
