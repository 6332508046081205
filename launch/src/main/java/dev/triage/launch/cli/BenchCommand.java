package dev.triage.launch.cli;

import dev.triage.datasets.synthetic.SyntheticSpec;
import dev.triage.launch.bench.CpuClock;
import dev.triage.launch.bench.RosImageFrames;
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
import picocli.CommandLine.Mixin;
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
 * forward time of each model, so the framework's overhead is visible. With {@code --size WxH} the frames arrive as
 * serialized sensor_msgs/Image rgb8 at that size ({@link RosImageFrames}) and the message decode is timed too. The
 * process's CPU time per frame is printed beside the wall-clock figures, since the machine may be shared. Prints
 * a Markdown table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure stage latencies (median, p99) on the synthetic drive at 640x480 (or at a real camera "
                + "size with --size), and forward-only time per model. Warm-up frames are run first and not counted."})
public final class BenchCommand implements Callable<Integer> {
    /** With --size, frames are picked from at most this much of the drive. */
    private static final int MAX_DRIVE_FRAMES = 20_000;

    @Option(names = "--frames", defaultValue = "400", description = "Measured frames (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "100", description = "Warm-up frames (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--forward-runs", defaultValue = "300", description = "Forward-only runs per model (default ${DEFAULT-VALUE}).")
    int forwardRuns;

    @Option(names = "--source", defaultValue = "synthetic:", description = "Drive to measure on (default ${DEFAULT-VALUE}).")
    String source;

    @Mixin
    ConfigOption configOption = new ConfigOption();

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown table here.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", description = "Real camera size, e.g. 1280x720 or 1920x1080: the "
            + "drive rendered (synthetic) or scaled to it, delivered as serialized sensor_msgs/Image rgb8 through the "
            + "ROS 1 node's message decode. Default: the source's own frames as they are.")
    String size;

    @Option(names = "--distinct", defaultValue = "50", description = "With --size: distinct frames held in memory, "
            + "spread evenly over the drive (default ${DEFAULT-VALUE}).")
    int distinct;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || warmup < 0 || forwardRuns < 1 || distinct < 1) {
            return CliErrors.fail("--frames, --forward-runs and --distinct must be >= 1, --warmup >= 0");
        }
        Optional<InputSize> cameraSize;
        try {
            cameraSize = Optional.ofNullable(size).map(RosImageFrames::parseSize);
        } catch (IllegalArgumentException e) {
            return CliErrors.fail("--size " + size + ": " + e.getMessage());
        }
        TriageConfig config;
        try {
            config = new ConfigLoader().load(configOption.given());
        } catch (ConfigException e) {
            return CliErrors.fail(e.getMessage());
        }
        PipelineSettings settings = config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS);
        StringBuilder table = new StringBuilder();
        // the live nodes' stack: its under-load inputs get forward-only rows (the lossless pipeline never runs them)
        try (PerceptionStack stack = StackFactory.createLive(config, Installation.home())) {
            Optional<RosImageFrames> atSize = cameraSize.isEmpty() ? Optional.empty()
                    : Optional.of(renderAt(cameraSize.get()));
            if (warmup > 0) {
                try (FrameSource warm = open(atSize, warmup, new LatencyHistogram())) {
                    Pipeline.replay(warm, stack.addTo(CameraWorker.builder()), settings, warmup);
                }
            }
            PipelineSummary summary;
            LatencyHistogram messageDecode = new LatencyHistogram();
            CpuClock cpu = CpuClock.start();
            String describe;
            try (FrameSource measured = open(atSize, frames, messageDecode)) {
                describe = measured.describe();
                summary = Pipeline.replay(measured, stack.addTo(CameraWorker.builder()), settings, frames).summary();
            }
            CpuClock.Reading used = cpu.read();
            table.append(String.format(Locale.ROOT, "Pipeline on `%s`, %d frames after %d warm-up, budget %.0f ms, "
                            + "%d deadline %s, %d dropped.%n%n", describe, summary.framesProcessed(), warmup,
                    summary.budgetMs(), summary.deadlineMisses(), summary.deadlineMisses() == 1 ? "miss" : "misses",
                    summary.framesDropped()));
            table.append(used.describe(summary.framesProcessed())).append("\n\n");
            table.append("| stage | runs | median ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            if (atSize.isPresent()) {
                table.append(row("message decode (sensor_msgs/Image, " + atSize.get().messageBytes() + " B)",
                        messageDecode.summary()));
            }
            for (Map.Entry<String, LatencySummary> e : summary.latencyMs().entrySet()) {
                table.append(row(e.getKey(), e.getValue()));
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

    private static String row(String stage, LatencySummary l) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", stage, l.count(), l.p50(), l.p99(),
                l.max());
    }

    /** The drive at {@code size}: the synthetic drive is rendered at it, any other source is scaled. */
    private RosImageFrames renderAt(InputSize cameraSize) throws SourceException {
        String spec = source;
        if (SyntheticSpec.matches(source) && !source.contains("width=")) {
            spec = source + (source.endsWith(":") ? "" : ",") + "width=" + cameraSize.width() + ",height="
                    + cameraSize.height();
        }
        int total;
        try (FrameSource drive = SourceFactory.open(source)) {
            total = RosImageFrames.count(drive, MAX_DRIVE_FRAMES);
        }
        try (FrameSource drive = SourceFactory.open(spec)) {
            return RosImageFrames.render(drive, cameraSize, total, distinct);
        }
    }

    private FrameSource open(Optional<RosImageFrames> atSize, int count, LatencyHistogram messageDecode)
            throws SourceException {
        return atSize.isPresent() ? atSize.get().replay(count, messageDecode) : SourceFactory.open(source);
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
                    if (slot.underLoad() != null) {
                        InputSize reduced = slot.underLoad().inputSize();
                        out.put(Stages.expertUnderLoad(slot.name()) + " | " + reduced,
                                time((ForwardTimed) slot.underLoad(), pre.toTensor(bgr, reduced)));
                    }
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
