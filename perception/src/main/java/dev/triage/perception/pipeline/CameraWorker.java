package dev.triage.perception.pipeline;

import dev.triage.perception.core.Detection;
import dev.triage.perception.core.ExpertOutput;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.core.StageTimings;
import dev.triage.perception.core.Stages;
import dev.triage.perception.image.DecodedImage;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.TensorPreprocessor;
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import dev.triage.perception.spi.ForwardTimed;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.spi.ResultSink;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The per-camera worker: takes frames from the mailbox and runs decode, preprocess, gate, policy, experts and
 * postprocess on one thread, then hands the result to every sink. The single writer of expert selection: for each
 * scene the policy chose (most likely first) it runs that scene's {@link ExpertSlot}s in the order they were added,
 * each slot at most once per frame. Every scene of the gate must have a slot and every slot's scenes must be the
 * gate's. One bad frame costs one frame: every failure is reported as a {@link FrameProblem} and counted.
 */
public final class CameraWorker implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWorker.class);

    private final PipelineSettings settings;
    private final Gate gate;
    private final List<ExpertSlot> slots;
    private final Map<String, List<ExpertSlot>> slotsByScene;
    private final ContextPolicy policy;
    private final List<ResultSink> sinks;
    private final List<FrameTap> taps;
    private final PipelineStats stats;
    private final LatestFrameMailbox mailbox;
    private final LongSupplier clock;
    private final SpeedTrack speed;
    private final FrameDecoder decoder;
    private final TensorPreprocessor preprocessor = new TensorPreprocessor();
    private final CostTracker costs = new CostTracker();
    /** Widest and tallest model input, the floor of a reduced-scale JPEG decode. */
    private final InputSize largestInput;
    private SceneProbabilities lastGateOutput;
    private long framesSinceGate;
    private volatile boolean stopRequested;

    private CameraWorker(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.gate = Objects.requireNonNull(b.gate, "gate");
        this.slots = List.copyOf(b.slots);
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.sinks = List.copyOf(b.sinks);
        this.taps = List.copyOf(b.taps);
        this.stats = Objects.requireNonNull(b.stats, "stats");
        this.mailbox = Objects.requireNonNull(b.mailbox, "mailbox");
        this.clock = b.clock;
        this.speed = b.speed;
        this.decoder = new FrameDecoder(settings.maxImageSide());
        this.decoder.setStepTimes(stats::stage);
        this.slotsByScene = route(gate.scenes(), slots);
        this.largestInput = largestInput(gate, slots);
        warmUpPreprocessing();
        this.preprocessor.setStepTimes(stats::stage);
    }

    private static InputSize largestInput(Gate gate, List<ExpertSlot> slots) {
        int width = gate.inputSize().width();
        int height = gate.inputSize().height();
        for (ExpertSlot slot : slots) {
            width = Math.max(width, slot.expert().inputSize().width());
            height = Math.max(height, slot.expert().inputSize().height());
        }
        return new InputSize(width, height);
    }

    /** Scene to the slots serving it, in slot order; checks that the slots cover exactly the gate's scenes. */
    private static Map<String, List<ExpertSlot>> route(List<String> gateScenes, List<ExpertSlot> slots) {
        Set<String> names = new HashSet<>();
        Map<String, List<ExpertSlot>> byScene = new LinkedHashMap<>();
        gateScenes.forEach(scene -> byScene.put(scene, new ArrayList<>()));
        for (ExpertSlot slot : slots) {
            if (!names.add(slot.name())) {
                throw new IllegalArgumentException("two experts are named '" + slot.name() + "'");
            }
            for (String scene : slot.scenes()) {
                List<ExpertSlot> serving = byScene.get(scene);
                if (serving == null) {
                    throw new IllegalArgumentException("expert '" + slot.name() + "' serves scene '" + scene
                            + "', which the gate does not know " + gateScenes);
                }
                serving.add(slot);
            }
        }
        byScene.forEach((scene, serving) -> {
            if (serving.isEmpty()) {
                throw new IllegalArgumentException("no expert for scene " + scene);
            }
        });
        byScene.replaceAll((scene, serving) -> List.copyOf(serving));
        return Map.copyOf(byScene);
    }

    /**
     * First OpenCV calls are slow (lazy initialisation); pay that before the first frame, not on it. Also seeds the
     * routing cost model with one measured forward pass of every expert that can time one ({@link ForwardTimed}),
     * so that the first "run the top two when the budget allows" decision uses a measured cost, not zero.
     */
    private void warmUpPreprocessing() {
        Mat blank = Mat.zeros(480, 640, org.opencv.core.CvType.CV_8UC3);
        try {
            preprocessor.toTensor(blank, gate.inputSize());
            for (ExpertSlot slot : slots) {
                ImageTensor tensor = preprocessor.toTensor(blank, slot.expert().inputSize());
                if (slot.expert() instanceof ForwardTimed timed) {
                    try {
                        costs.record(Stages.expert(slot.name()), timed.forwardOnlyNanos(tensor));
                    } catch (InferenceException e) {
                        LOG.warn("expert {}: no seed cost for routing ({}); measured from its first frame", slot.name(),
                                e.getMessage());
                    }
                }
            }
        } finally {
            blank.release();
        }
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Processes frames until the mailbox is closed and drained, or {@link #requestStop()} is called. */
    @Override
    public void run() {
        try {
            while (!stopRequested && !mailbox.isDrained()) {
                var frame = mailbox.poll(100, TimeUnit.MILLISECONDS);
                reportReplaced();
                if (frame.isPresent()) {
                    process(frame.get());
                }
            }
            reportReplaced();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks {@link #run()} to return after the current frame. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Processes one frame synchronously. Never throws for a bad frame; the outcome goes to the sinks and the stats.
     */
    public void process(Frame frame) {
        long takenAt = clock.getAsLong();
        long base = settings.delivery() == PipelineSettings.Delivery.LOSSLESS ? takenAt : frame.captureMonoNanos();
        long deadline = base + settings.budgetNanos();
        if (settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY && takenAt >= deadline) {
            reportProblem(frame, FrameProblem.Kind.DROPPED_STALE, "frame " + describe(frame) + " was "
                    + millis(takenAt - base) + " ms old when taken, past its " + millis(settings.budgetNanos())
                    + " ms budget");
            return;
        }
        StageTimings.Builder timings = new StageTimings.Builder();
        long t0 = clock.getAsLong();
        List<FrameTap> activeTaps = activeTaps();
        DecodedImage decoded;
        try {
            decoded = decoder.wrap(frame.image(),
                    settings.reducedJpegDecode() && activeTaps.isEmpty() ? largestInput : null);
        } catch (FrameDecodeException e) {
            if (e.reason() == FrameDecodeException.Reason.TOO_LARGE
                    || e.reason() == FrameDecodeException.Reason.DAMAGED) {
                stats.decodeIssue(e.reason().key());
            }
            reportProblem(frame, FrameProblem.Kind.DECODE_FAILED, "frame " + describe(frame) + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            reportProblem(frame, FrameProblem.Kind.DECODE_FAILED, "frame " + describe(frame) + ": " + e.getMessage());
            return;
        }
        if (decoder.lastWarning() != null) {
            if (stats.decodeIssue(PipelineStats.DECODE_WARNING) <= 10) {
                LOG.warn("frame {} decoded with a warning: {}", describe(frame), decoder.lastWarning());
            }
        }
        timings.add(Stages.DECODE, clock.getAsLong() - t0);
        try {
            PerceptionResult result;
            try {
                result = infer(frame, decoded, base, deadline, timings);
            } catch (InferenceException | RuntimeException e) {
                reportProblem(frame, FrameProblem.Kind.INFERENCE_FAILED, "frame " + describe(frame) + ": "
                        + e.getMessage(), activeTaps.isEmpty() ? null : decoded);
                return;
            }
            stats.result(result);
            long p0 = clock.getAsLong();
            for (ResultSink sink : sinks) {
                try {
                    sink.accept(result);
                } catch (IOException | RuntimeException e) {
                    stats.sinkError();
                    LOG.warn("result sink {} failed on frame {}: {}", sink.getClass().getSimpleName(), frame.seq(),
                            e.toString());
                }
            }
            for (FrameTap tap : activeTaps) {
                try {
                    tap.onResult(frame, fullBgr(decoded), result);
                } catch (IOException | RuntimeException e) {
                    stats.sinkError();
                    LOG.warn("frame tap {} failed on frame {}: {}", tap.getClass().getSimpleName(), frame.seq(),
                            e.toString());
                }
            }
            stats.stage(Stages.PUBLISH, clock.getAsLong() - p0);
        } finally {
            decoded.close();
        }
    }

    /** The taps that want this frame, asked once per frame before it is decoded. */
    private List<FrameTap> activeTaps() {
        if (taps.isEmpty()) {
            return taps;
        }
        List<FrameTap> active = new ArrayList<>(taps.size());
        for (FrameTap tap : taps) {
            if (tap.isActive()) {
                active.add(tap);
            }
        }
        return active;
    }

    /** The frame as full-size BGR for the taps; a conversion, when one is needed, is timed as decode.colour. */
    private Mat fullBgr(DecodedImage decoded) {
        if (decoded.converted()) {
            return decoded.bgr();
        }
        long c0 = clock.getAsLong();
        Mat bgr = decoded.bgr();
        if (decoded.converted()) {
            stats.stage(Stages.DECODE_COLOUR, clock.getAsLong() - c0);
        }
        return bgr;
    }

    private PerceptionResult infer(Frame frame, DecodedImage image, long base, long deadline,
                                   StageTimings.Builder timings)
            throws InferenceException {
        int width = image.width();
        int height = image.height();
        boolean gateDue = lastGateOutput == null || ++framesSinceGate >= settings.gateEveryFrames();
        if (gateDue) {
            ImageTensor gateInput = timed(timings, Stages.PREPROCESS, () -> preprocessor.toTensor(image, gate.inputSize()));
            long g0 = clock.getAsLong();
            lastGateOutput = gate.classify(gateInput);
            long gateNanos = clock.getAsLong() - g0;
            timings.add(Stages.GATE, gateNanos);
            framesSinceGate = 0;
        }
        SceneContext context = policy.route(new ContextPolicy.PolicyInput(lastGateOutput, gateDue,
                deadline - clock.getAsLong(), this::expectedNanos, speed.at(frame.stampNanos())));

        List<String> ran = new ArrayList<>();
        List<ExpertOutput> outputs = new ArrayList<>();
        for (String scene : context.chosen()) {
            List<ExpertSlot> serving = slotsByScene.get(scene);
            if (serving == null) {
                throw new IllegalStateException("the policy chose scene '" + scene + "', which the gate does not know");
            }
            for (ExpertSlot slot : serving) {
                if (ran.contains(slot.name())) {
                    continue;
                }
                Expert expert = slot.expert();
                ImageTensor input = timed(timings, Stages.PREPROCESS,
                        () -> preprocessor.toTensor(image, expert.inputSize()));
                long e0 = clock.getAsLong();
                outputs.add(expert.infer(input, width, height));
                long expertNanos = clock.getAsLong() - e0;
                String stage = Stages.expert(slot.name());
                timings.add(stage, expertNanos);
                costs.record(stage, expertNanos);
                ran.add(slot.name());
            }
        }

        long m0 = clock.getAsLong();
        List<Detection> detections = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        for (ExpertOutput output : outputs) {
            detections.addAll(output.detections());
            lanes.addAll(output.lanes());
        }
        long done = clock.getAsLong();
        timings.add(Stages.POSTPROCESS, done - m0);
        return new PerceptionResult(frame.seq(), frame.stampNanos(), frame.frameId(), width, height, context, ran,
                detections, lanes, timings.build(), done - base, done <= deadline, frame.truth());
    }

    /** Expected cost of the experts serving {@code scene}: the sum of their recent p90s (0 when unmeasured). */
    private long expectedNanos(String scene) {
        long sum = 0;
        for (ExpertSlot slot : slotsByScene.getOrDefault(scene, List.of())) {
            sum += costs.expectedNanos(Stages.expert(slot.name()));
        }
        return sum;
    }

    private ImageTensor timed(StageTimings.Builder timings, String stage, Supplier<ImageTensor> work) {
        long t0 = clock.getAsLong();
        ImageTensor tensor = work.get();
        timings.add(stage, clock.getAsLong() - t0);
        return tensor;
    }

    private void reportReplaced() {
        for (Frame dropped : mailbox.drainReplaced()) {
            reportProblem(dropped, FrameProblem.Kind.DROPPED_REPLACED, "frame " + describe(dropped)
                    + " replaced by a newer frame before the worker was free");
        }
    }

    private void reportProblem(Frame frame, FrameProblem.Kind kind, String message) {
        reportProblem(frame, kind, message, null);
    }

    /** Reports a frame without result to sinks and taps; {@code decoded} is its decoded image, if any (not closed). */
    private void reportProblem(Frame frame, FrameProblem.Kind kind, String message, DecodedImage decoded) {
        stats.problem(kind);
        FrameProblem problem = new FrameProblem(frame.seq(), frame.stampNanos(), frame.frameId(), kind, message);
        if (kind == FrameProblem.Kind.DECODE_FAILED || kind == FrameProblem.Kind.INFERENCE_FAILED) {
            LOG.warn(message);
        }
        for (ResultSink sink : sinks) {
            try {
                sink.onProblem(problem);
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
            }
        }
        for (FrameTap tap : taps) {
            try {
                if (tap.isActive()) {
                    tap.onProblem(frame, Optional.ofNullable(decoded).map(this::fullBgr), problem);
                }
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
            }
        }
    }

    private static String describe(Frame frame) {
        return "#" + frame.seq() + " (" + frame.frameId() + ")";
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Releases the worker's native buffers. Gate, experts, sinks and taps belong to the caller. */
    @Override
    public void close() {
        preprocessor.close();
    }

    /**
     * Builder for {@link CameraWorker}: the host sets gate, experts and policy (required) and adds sinks and taps;
     * {@link CameraPipeline#create} adds settings, stats, mailbox and speed and builds it.
     */
    public static final class Builder {
        private PipelineSettings settings;
        private Gate gate;
        private final List<ExpertSlot> slots = new ArrayList<>();
        private ContextPolicy policy;
        private final List<ResultSink> sinks = new ArrayList<>();
        private final List<FrameTap> taps = new ArrayList<>();
        private PipelineStats stats;
        private LatestFrameMailbox mailbox;
        private LongSupplier clock = System::nanoTime;
        private SpeedTrack speed = new SpeedTrack();

        /** Set by {@link CameraPipeline}. */
        Builder setSettings(PipelineSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder setGate(Gate gate) {
            this.gate = gate;
            return this;
        }

        /** Adds an expert with its name and scenes; a scene's experts run in the order they were added. */
        public Builder addExpert(ExpertSlot slot) {
            this.slots.add(Objects.requireNonNull(slot, "slot"));
            return this;
        }

        public Builder setPolicy(ContextPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder addSink(ResultSink sink) {
            this.sinks.add(sink);
            return this;
        }

        /** Adds a tap that sees each frame's decoded pixels next to its outcome, after the sinks. */
        public Builder addTap(FrameTap tap) {
            this.taps.add(Objects.requireNonNull(tap, "tap"));
            return this;
        }

        /** Set by {@link CameraPipeline}. */
        Builder setStats(PipelineStats stats) {
            this.stats = stats;
            return this;
        }

        /** Set by {@link CameraPipeline}. */
        Builder setMailbox(LatestFrameMailbox mailbox) {
            this.mailbox = mailbox;
            return this;
        }

        /** Monotonic clock in nanoseconds; {@link System#nanoTime()} unless a test replaces it. */
        public Builder optClock(LongSupplier clock) {
            this.clock = clock;
            return this;
        }

        /** The pipeline's speed samples, the gate's speed prior; set by {@link CameraPipeline}. */
        Builder setSpeed(SpeedTrack speed) {
            this.speed = speed;
            return this;
        }

        /** Builds the worker; {@link CameraPipeline#create} does, after adding its own parts. */
        CameraWorker build() {
            return new CameraWorker(this);
        }
    }
}
