package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.TriageConfig;
import dev.triage.datasets.eval.EvaluationReport;
import dev.triage.datasets.eval.EvaluationSink;
import dev.triage.datasets.labels.LabelledDataset;
import dev.triage.datasets.labels.LabelledDatasetSource;
import dev.triage.datasets.labels.LabelledRecordingSource;
import dev.triage.launch.output.HtmlReport;
import dev.triage.launch.output.JsonFiles;
import dev.triage.launch.output.JsonlResultSink;
import dev.triage.launch.output.MetricsJson;
import dev.triage.launch.output.OverlayStats;
import dev.triage.launch.output.OverlayVideoTap;
import dev.triage.launch.output.ProgressSink;
import dev.triage.launch.output.ReportCollector;
import dev.triage.launch.output.ResultJson;
import dev.triage.launch.bench.CpuClock;
import dev.triage.launch.wiring.LaneStacks;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.SourceOptions;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.ReplayRun;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code triage replay}: runs a recorded or synthetic drive through the pipeline and writes results and a summary. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a drive through the gate and experts.",
                "Writes DIR/detections.jsonl (one object per processed frame), DIR/problems.jsonl (one per lost "
                        + "frame), DIR/summary.json, DIR/metrics.json (when the source has labels), DIR/overlay.mp4 "
                        + "(every frame drawn with its results; h264) and DIR/report.html (self-contained)."},
        exitCodeList = {"0:the whole source was processed", "2:bad arguments, configuration, model or source",
                "3:the source broke off early; everything before the break was processed"})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "synthetic:", paramLabel = "SOURCE",
            description = "What to replay: a ROS 1 .bag, a ROS 2 bag folder, .mcap or .db3, a video, "
                    + "an image folder or a labelled dataset (default: ${DEFAULT-VALUE}, the built-in synthetic drive, "
                    + "i.e. synthetic:seed=1,route=urban:200/highway:200/urban:200; keys seed, route, width, height).")
    String source;

    @Option(names = "--realtime", description = "Honour recorded timestamps: frames arrive at their recorded pace "
            + "and a busy worker drops the older frame, as on the car. Default: as fast as possible, no drops.")
    boolean realtime;

    @Option(names = "--no-video", description = "Do not write overlay.mp4 (the report still gets its sample frames).")
    boolean noVideo;

    @Option(names = "--fps", paramLabel = "FPS", description = "Frame rate of an image-folder SOURCE, "
            + "for the frame stamps (default: 10).")
    Double fps;

    @Mixin
    RunOptions runOptions = new RunOptions();

    @Override
    public Integer call() throws Exception {
        TriageConfig config;
        try {
            config = runOptions.config();
        } catch (ConfigException e) {
            return CliErrors.fail(e.getMessage());
        }
        double budget = config.budgetMs();
        if (runOptions.problem().isPresent()) {
            return CliErrors.fail(runOptions.problem().get());
        }
        Optional<String> badOut = runOptions.prepareOut();
        if (badOut.isPresent()) {
            return CliErrors.fail(badOut.get());
        }
        if (runOptions.throughput.on() && realtime) {
            return CliErrors.fail("--throughput and --realtime exclude each other: real time keeps the recorded pace");
        }
        PipelineSettings settings = config.pipelineSettings(runOptions.throughput.delivery(
                realtime ? PipelineSettings.Delivery.LATEST_ONLY : PipelineSettings.Delivery.LOSSLESS));
        SourceOptions sourceOptions;
        try {
            sourceOptions = runOptions.recording.sourceOptions(Optional.ofNullable(fps));
        } catch (IOException e) {
            return CliErrors.fail(e.getMessage());
        }
        Optional<LabelledDataset> labels = sourceOptions.labels();
        labels.ifPresent(l -> l.notes().forEach(n -> System.err.println("note: " + n)));

        try (FrameSource frameSource = SourceFactory.open(source, sourceOptions);
             PerceptionStack stack = StackFactory.create(config, Installation.home());
             LaneStacks lanes = LaneStacks.load(config, Installation.home(), runOptions.throughput.laneCount());
             JsonlResultSink jsonl = new JsonlResultSink(runOptions.out);
             OverlayVideoTap overlay = new OverlayVideoTap(new OverlayVideoTap.Options(
                     noVideo ? Optional.empty() : Optional.of(runOptions.out.resolve("overlay.mp4")),
                     frameSource.nominalFps().map(OptionalDouble::of).orElse(OptionalDouble.empty()), !realtime,
                     budget))) {
            Optional<LabelledDataset> scored = labels;
            if (frameSource instanceof LabelledDatasetSource labelled) {
                scored = Optional.of(labelled.dataset());
            }
            scored.ifPresent(l -> l.unknownScenes(stack.scenes()).forEach(n -> System.err.println("note: " + n)));
            EvaluationSink evaluation = scored.map(l -> new EvaluationSink(l.scopes())).orElseGet(EvaluationSink::new);
            ReportCollector reportFrames = new ReportCollector();
            CameraWorker.Builder worker = lanes.addTo(stack.addTo(CameraWorker.builder())).addSink(jsonl).addSink(evaluation)
                    .addSink(reportFrames).addTap(overlay);
            ProgressSink progress = System.console() != null
                    ? new ProgressSink(System.err, runOptions.frames())
                    : null;
            if (progress != null) {
                worker.addSink(progress);
            }
            CpuClock clock = CpuClock.start();
            ReplayRun run = Pipeline.replay(frameSource, worker, settings, runOptions.maxFrames());
            ReplayRate rate = new ReplayRate(settings.delivery(), runOptions.throughput.laneCount(), clock.read(),
                    run.summary().framesIn());
            if (progress != null) {
                progress.close();
            }
            overlay.close(); // drains the encoder queue and finishes overlay.mp4
            List<String> sourceNotes = frameSource.notes(); // complete once the source is read
            sourceNotes.forEach(n -> System.err.println("note: " + n));
            writeSummary(run, frameSource.describe(), overlay.stats(), rate, sourceNotes);
            Optional<LabelledRecordingSource.Matching> matching = frameSource instanceof LabelledRecordingSource l
                    ? Optional.of(l.matching()) : Optional.empty();
            matching.ifPresent(m -> m.lines(runOptions.recording.labels.toString())
                    .forEach(n -> System.err.println("note: " + n)));
            writeMetrics(evaluation.report(), run.summary().framesProcessed(), matching);
            HtmlReport.write(runOptions.out.resolve("report.html"), new HtmlReport.Input(frameSource.describe(),
                    run.sourceError().map(Exception::getMessage), run.summary(), Optional.of(evaluation.report()),
                    reportFrames, Optional.of(overlay.stats()), overlay.samples(), overlay.problemSamples(),
                    settings.delivery(), runOptions.throughput.laneCount()));
            printSummary(run.summary(), rate);
            if (run.sourceError().isPresent()) {
                System.err.println("triage: " + run.sourceError().get().getMessage());
                return 3;
            }
            return 0;
        } catch (SourceException | StackFactory.StackException e) {
            return CliErrors.fail(e.getMessage());
        }
    }

    private void writeSummary(ReplayRun run, String sourceName, OverlayStats overlay, ReplayRate rate,
                              List<String> sourceNotes) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode summary = new ResultJson(mapper).summary(run.summary());
        summary.put("source", sourceName);
        sourceNotes.forEach(summary.putArray("source_notes")::add);
        summary.set("overlay", new ResultJson(mapper).overlay(overlay));
        summary.set("rate", rate.json(mapper));
        run.sourceError().ifPresent(e -> summary.put("source_error", e.getMessage()));
        JsonFiles.write(runOptions.out.resolve("summary.json"), summary);
    }

    private void writeMetrics(EvaluationReport report, long frames, Optional<LabelledRecordingSource.Matching> matching)
            throws IOException {
        if (matching.isEmpty() && report.sceneFrames() == 0 && report.detectionFrames() == 0
                && report.lanes().isEmpty()) {
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        MetricsJson json = new MetricsJson(mapper);
        ObjectNode metrics = json.metrics(report, frames);
        matching.ifPresent(m -> metrics.set("labels", json.labelMatching(m, runOptions.recording.labels)));
        JsonFiles.write(runOptions.out.resolve("metrics.json"), metrics);
    }

    private void printSummary(PipelineSummary s, ReplayRate rate) {
        var e2e = s.latencyMs().get("end_to_end");
        System.out.printf(Locale.ROOT, "%d frames in, %d processed, %d dropped, %d failed, %d deadline %s%s; "
                        + "end-to-end p50 %.1f ms, p99 %.1f ms%s; %s; results in %s%n",
                s.framesIn(), s.framesProcessed(), s.framesDropped(), s.framesFailed(), s.deadlineMisses(),
                s.deadlineMisses() == 1 ? "miss" : "misses",
                rate.delivery() == PipelineSettings.Delivery.THROUGHPUT
                        ? " (each frame's own work, lanes sharing the cores)" : "",
                e2e == null ? 0 : e2e.p50(), e2e == null ? 0 : e2e.p99(),
                s.sceneAccuracy().isPresent()
                        ? String.format(Locale.ROOT, "; scene accuracy %.3f", s.sceneAccuracy().getAsDouble()) : "",
                rate.describe(), runOptions.out);
    }
}
