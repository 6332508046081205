package dev.triage.launch.cli;

import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Stages;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.TensorPreprocessor;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.PipelineSummary;
import dev.triage.perception.pipeline.ExpertSlot;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.image.InputSize;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code triage bench}: per-stage and end-to-end latency of the whole pipeline on the synthetic drive, and the raw
 * forward time of each model, so the framework's overhead is visible. Prints a Markdown table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure stage latencies (median, p99) on the synthetic drive at 640x480, and forward-only "
                + "time per model. Warm-up frames are run first and not counted."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--frames", defaultValue = "400", description = "Measured frames (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "100", description = "Warm-up frames (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--forward-runs", defaultValue = "300", description = "Forward-only runs per model (default ${DEFAULT-VALUE}).")
    int forwardRuns;

    @Option(names = "--source", defaultValue = "synthetic:", description = "Drive to measure on (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration over the defaults.")
    Path configFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown table here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || warmup < 0 || forwardRuns < 1) {
            return CliErrors.fail("--frames and --forward-runs must be >= 1, --warmup >= 0");
        }
        TriageConfig config;
        try {
            config = new ConfigLoader().load(Optional.ofNullable(configFile));
        } catch (ConfigException e) {
            return CliErrors.fail(e.getMessage());
        }
        PipelineSettings settings = config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS);
        StringBuilder table = new StringBuilder();
        try (PerceptionStack stack = StackFactory.create(config, Installation.home())) {
            if (warmup > 0) {
                try (FrameSource warm = SourceFactory.open(source)) {
                    Pipeline.replay(warm, stack.addTo(CameraWorker.builder()), settings, warmup);
                }
            }
            PipelineSummary summary;
            try (FrameSource measured = SourceFactory.open(source)) {
                summary = Pipeline.replay(measured, stack.addTo(CameraWorker.builder()), settings, frames).summary();
            }
            table.append(String.format(Locale.ROOT, "Pipeline on `%s`, %d frames after %d warm-up, budget %.0f ms, "
                            + "%d deadline misses, %d dropped.%n%n", source, summary.framesProcessed(), warmup,
                    summary.budgetMs(), summary.deadlineMisses(), summary.framesDropped()));
            table.append("| stage | runs | median ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            for (Map.Entry<String, LatencySummary> e : summary.latencyMs().entrySet()) {
                LatencySummary l = e.getValue();
                table.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", e.getKey(), l.count(),
                        l.p50(), l.p99(), l.max()));
            }
            table.append("\nForward-only (raw TorchScript forward through DJL, no input copy, no decoding):\n\n");
            table.append("| model | input | median ms | p99 ms |\n|---|---|---|---|\n");
            for (Map.Entry<String, LatencySummary> e : forwardOnly(stack).entrySet()) {
                table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", e.getKey(), e.getValue().p50(),
                        e.getValue().p99()));
            }
        } catch (SourceException | StackFactory.StackException e) {
            return CliErrors.fail(e.getMessage());
        }
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table);
        }
        return 0;
    }

    private Map<String, LatencySummary> forwardOnly(PerceptionStack stack) throws Exception {
        Map<String, LatencySummary> out = new LinkedHashMap<>();
        try (FrameSource one = SourceFactory.open(source); TensorPreprocessor pre = new TensorPreprocessor()) {
            Frame frame = one.next().orElseThrow(() -> new SourceException(source + ": no frame to benchmark on"));
            Mat bgr = new FrameDecoder().decode(frame.image());
            try {
                out.put(Stages.GATE + " | " + stack.gate().inputSize(),
                        time((ForwardTimed) stack.gate(), pre.toTensor(bgr, stack.gate().inputSize())));
                for (ExpertSlot slot : stack.experts()) {
                    InputSize size = slot.expert().inputSize();
                    out.put(Stages.expert(slot.name()) + " | " + size,
                            time((ForwardTimed) slot.expert(), pre.toTensor(bgr, size)));
                }
            } finally {
                bgr.release();
            }
        }
        return out;
    }

    private LatencySummary time(ForwardTimed model, ImageTensor input) throws Exception {
        for (int i = 0; i < Math.min(50, forwardRuns); i++) {
            model.forwardOnlyNanos(input);
        }
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < forwardRuns; i++) {
            histogram.record(model.forwardOnlyNanos(input));
        }
        return histogram.summary();
    }
}
