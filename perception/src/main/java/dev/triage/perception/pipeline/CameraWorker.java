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
import dev.triage.perception.image.ImageTensor;
import dev.triage.perception.spi.ContextPolicy;
import dev.triage.perception.spi.Expert;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import dev.triage.perception.spi.Gate;
import dev.triage.perception.spi.InferenceException;
import dev.triage.perception.spi.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The per-camera worker: takes frames from the mailbox and runs decode, preprocess, gate, policy, experts and
 * postprocess, then hands the result to every sink. The single writer of expert selection: for each scene the
 * policy chose (most likely first) it runs that scene's {@link ExpertSlot}s in the order they were added, each slot
 * at most once per frame. Every scene of the gate must have a slot and every slot's scenes must be the gate's. One
 * bad frame costs one frame: every failure is reported as a {@link FrameProblem} and counted.
 *
 * <p>Live and lossless delivery run everything on one thread, except that with
 * {@link PipelineSettings#overlapExperts()} the expert the previous frame chose runs on a second thread while the
 * gate classifies ({@link ExpertOverlap}; the same outputs). {@link PipelineSettings.Delivery#THROUGHPUT} runs one
 * thread per {@link WorkerLane} (its own gate, experts, decoder and buffers, {@link Builder#addLane}): every frame
 * gets a ticket when taken; decoding and the experts run in parallel, while the gate and the policy (which depend
 * on the frames before) run in ticket order, and results and problems reach sinks and taps in ticket order
 * ({@link FrameTurns}). A frame's latency is then its own work: the time it waited for its turn is left out.
 */
public final class CameraWorker implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWorker.class);

    private final PipelineSettings settings;
    private final List<WorkerLane> lanes;
    private final ContextPolicy policy;
    private final FrameDelivery delivery;
    private final PipelineStats stats;
    private final LatestFrameMailbox mailbox;
    private final LongSupplier clock;
    private final SpeedTrack speed;
    private final CostTracker costs = new CostTracker();
    private final UnderLoadSizing sizing;
    private final FrameTurns routingTurns = new FrameTurns();
    private final FrameTurns deliveryTurns = new FrameTurns();
    private final Object takeLock = new Object();
    private long nextTicket;
    /** Routing state: read and written only during a frame's routing turn. */
    private SceneProbabilities lastGateOutput;
    private long framesSinceGate;
    /** The scenes the last routing chose, most likely first: the guess of {@link #overlap}. */
    private List<String> lastChosen = List.of();
    /** Runs the guessed expert beside the gate; one-lane delivery with {@code overlapExperts} only, else null. */
    private final ExpertOverlap overlap;
    private volatile boolean stopRequested;

    private CameraWorker(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.stats = Objects.requireNonNull(b.stats, "stats");
        this.mailbox = Objects.requireNonNull(b.mailbox, "mailbox");
        this.clock = b.clock;
        this.delivery = new FrameDelivery(b.sinks, b.taps, stats, clock);
        this.speed = b.speed;
        if (!b.extraLanes.isEmpty() && settings.delivery() != PipelineSettings.Delivery.THROUGHPUT) {
            throw new IllegalArgumentException("more than one worker lane needs THROUGHPUT delivery, not "
                    + settings.delivery());
        }
        List<WorkerLane> built = new ArrayList<>();
        try {
            built.add(new WorkerLane(Objects.requireNonNull(b.gate, "gate"), b.slots, settings, stats, costs));
            for (Builder.LaneNetworks lane : b.extraLanes) {
                built.add(new WorkerLane(lane.gate(), lane.slots(), settings, stats, costs));
                if (!built.get(built.size() - 1).sameRoutingAs(built.get(0))) {
                    throw new IllegalArgumentException("worker lane " + (built.size() - 1) + " has other scenes or "
                            + "experts than the first: every lane must run the same gate and experts");
                }
            }
        } catch (RuntimeException e) {
            built.forEach(WorkerLane::close);
            throw e;
        }
        this.lanes = List.copyOf(built);
        this.sizing = new UnderLoadSizing(settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY, costs,
                lanes.get(0).slots);
        this.overlap = lanes.size() == 1 && settings.overlapExperts()
                ? new ExpertOverlap("triage-worker", stats, clock) : null;
        if (overlap != null) {
            overlap.warmUp(lanes.get(0).slots.stream().flatMap(WorkerLane::experts).map(Expert::inputSize).distinct()
                    .toList());
        }
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes frames until the mailbox is closed and drained, or {@link #requestStop()} is called. With several
     * lanes, lanes 2..n run on threads of their own ({@code <this thread's name>-<i>}) and this call waits for them.
     */
    @Override
    public void run() {
        List<Thread> others = new ArrayList<>();
        for (int i = 1; i < lanes.size(); i++) {
            WorkerLane lane = lanes.get(i);
            Thread t = new Thread(() -> drain(lane), Thread.currentThread().getName() + "-" + i);
            t.setDaemon(true);
            others.add(t);
            t.start();
        }
        drain(lanes.get(0));
        for (Thread t : others) {
            try {
                t.join();
            } catch (InterruptedException e) {
                others.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drain(WorkerLane lane) {
        try {
            while (!stopRequested && !mailbox.isDrained()) {
                Optional<Frame> frame;
                long ticket;
                synchronized (takeLock) {
                    frame = mailbox.poll(100, TimeUnit.MILLISECONDS);
                    if (lanes.size() == 1) {
                        reportReplaced();
                    }
                    ticket = frame.isPresent() ? nextTicket++ : -1;
                }
                if (frame.isPresent()) {
                    process(frame.get(), ticket, lane);
                }
            }
            if (lanes.size() == 1) {
                reportReplaced();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks {@link #run()} to return after the current frame. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Processes one frame synchronously on the first lane. Never throws for a bad frame; the outcome goes to the
     * sinks and the stats. Not for use while {@link #run()} runs.
     */
    public void process(Frame frame) {
        long ticket;
        synchronized (takeLock) {
            ticket = nextTicket++;
        }
        try {
            process(frame, ticket, lanes.get(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(Frame frame, long ticket, WorkerLane lane) throws InterruptedException {
        Outcome outcome;
        try {
            outcome = work(frame, ticket, lane);
        } catch (Error e) {
            // the frame dies with its thread, as it always has (hosts count thread deaths); later tickets keep going
            deliveryTurns.await(ticket);
            deliveryTurns.pass(ticket);
            throw e;
        }
        deliveryTurns.await(ticket);
        try {
            deliver(outcome);
        } finally {
            deliveryTurns.pass(ticket);
            if (outcome.decoded() != null) {
                outcome.decoded().close();
            }
        }
    }

    /** A frame's result or the reason it has none, with its decoded pixels when it got that far. */
    private record Outcome(Frame frame, PerceptionResult result, FrameProblem.Kind problem, String message,
                           DecodedImage decoded, List<FrameTap> activeTaps) {
        static Outcome lost(Frame frame, FrameProblem.Kind kind, String message) {
            return new Outcome(frame, null, kind, message, null, List.of());
        }
    }

    /** Everything but the delivery; passes the frame's routing turn exactly once, whatever happens. */
    private Outcome work(Frame frame, long ticket, WorkerLane lane) throws InterruptedException {
        RoutingTurn turn = new RoutingTurn(ticket);
        try {
            return decodeAndInfer(frame, turn, lane);
        } finally {
            turn.passIfNeeded();
        }
    }

    /** One frame's place in the routing order, passed once. */
    private final class RoutingTurn {
        private final long ticket;
        private boolean passed;

        RoutingTurn(long ticket) {
            this.ticket = ticket;
        }

        long await() throws InterruptedException {
            return routingTurns.await(ticket);
        }

        void pass() {
            routingTurns.pass(ticket);
            passed = true;
        }

        void passIfNeeded() throws InterruptedException {
            if (!passed) {
                await();
                pass();
            }
        }
    }

    private Outcome decodeAndInfer(Frame frame, RoutingTurn turn, WorkerLane lane) throws InterruptedException {
        long takenAt = clock.getAsLong();
        long base = settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY ? frame.captureMonoNanos() : takenAt;
        long deadline = base + settings.budgetNanos();
        if (settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY && takenAt >= deadline) {
            return Outcome.lost(frame, FrameProblem.Kind.DROPPED_STALE, "frame " + describe(frame) + " was "
                    + millis(takenAt - base) + " ms old when taken, past its " + millis(settings.budgetNanos())
                    + " ms budget");
        }
        StageTimings.Builder timings = new StageTimings.Builder();
        long t0 = clock.getAsLong();
        List<FrameTap> activeTaps = delivery.activeTaps();
        DecodedImage decoded;
        try {
            decoded = lane.decoder.wrap(frame.image(),
                    settings.reducedJpegDecode() && activeTaps.isEmpty() ? lane.largestInput : null);
        } catch (FrameDecodeException e) {
            if (e.reason() != FrameDecodeException.Reason.CORRUPT
                    && e.reason() != FrameDecodeException.Reason.UNSUPPORTED) {
                stats.decodeIssue(e.reason().key());
            }
            return Outcome.lost(frame, FrameProblem.Kind.DECODE_FAILED, "frame " + describe(frame) + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            return Outcome.lost(frame, FrameProblem.Kind.DECODE_FAILED, "frame " + describe(frame) + ": "
                    + e.getMessage());
        }
        if (lane.decoder.lastWarning() != null) {
            if (stats.decodeIssue(PipelineStats.DECODE_WARNING) <= 10) {
                LOG.warn("frame {} decoded with a warning: {}", describe(frame), lane.decoder.lastWarning());
            }
        }
        timings.add(Stages.DECODE, clock.getAsLong() - t0);
        try {
            PerceptionResult result = infer(frame, decoded, base, deadline, timings, turn, lane);
            return new Outcome(frame, result, null, null, decoded, activeTaps);
        } catch (InferenceException | RuntimeException e) {
            return new Outcome(frame, null, FrameProblem.Kind.INFERENCE_FAILED, "frame " + describe(frame) + ": "
                    + e.getMessage(), decoded, activeTaps);
        } catch (Error e) {
            decoded.close();
            throw e;
        }
    }

    /** Hands a result or a problem to the stats, sinks and taps (in ticket order). */
    private void deliver(Outcome outcome) {
        if (outcome.result() == null) {
            delivery.problem(outcome.frame(), outcome.problem(), outcome.message(),
                    outcome.activeTaps().isEmpty() ? null : outcome.decoded());
        } else {
            delivery.result(outcome.frame(), outcome.result(), outcome.decoded(), outcome.activeTaps());
        }
    }

    private PerceptionResult infer(Frame frame, DecodedImage image, long base, long deadline,
                                   StageTimings.Builder timings, RoutingTurn turn, WorkerLane lane)
            throws InferenceException, InterruptedException {
        int width = image.width();
        int height = image.height();
        long waited = turn.await();
        if (lanes.size() > 1) {
            // the wait for the turn is not this frame's work: its latency and deadline leave it out (one lane never
            // waits, and its clock may be a test's)
            base += waited;
            deadline += waited;
        }
        ExpertOverlap.Pending speculative = null;
        try {
            SceneContext context;
            try {
                boolean gateDue = lastGateOutput == null || ++framesSinceGate >= settings.gateEveryFrames();
                if (gateDue) {
                    speculative = startGuessedExpert(image, lane, deadline);
                    ImageTensor gateInput = timed(timings, Stages.PREPROCESS,
                            () -> lane.preprocessor.toTensor(image, lane.gate.inputSize()));
                    long g0 = clock.getAsLong();
                    lastGateOutput = lane.gate.classify(gateInput);
                    long gateNanos = clock.getAsLong() - g0;
                    timings.add(Stages.GATE, gateNanos);
                    framesSinceGate = 0;
                }
                long remaining = deadline - clock.getAsLong();
                context = policy.route(new ContextPolicy.PolicyInput(lastGateOutput, gateDue, remaining,
                        scene -> expectedNanos(scene, remaining), speed.at(frame.stampNanos())));
                lastChosen = context.chosen();
            } finally {
                turn.pass();
            }

            List<ExpertSlot> chosen = chosenSlots(context, lane);
            ExpertRun[] runs = new ExpertRun[chosen.size()];
            int guessed = speculative == null ? -1 : chosen.indexOf(speculative.slot());
            // the other chosen experts run here while the guessed one finishes on the overlap thread; as in
            // sequential execution, none runs after one that failed (the walk below stops at that failure)
            for (int i = 0; i < chosen.size(); i++) {
                if (i != guessed) {
                    ExpertSlot slot = chosen.get(i);
                    runs[i] = ExpertRun.of(slot, sizing.choose(slot, deadline - clock.getAsLong()), image,
                            lane.preprocessor, clock);
                    if (runs[i].failure() != null) {
                        break;
                    }
                }
            }
            if (guessed >= 0) {
                runs[guessed] = speculative.await();
                speculative = null;
            }
            List<String> ran = new ArrayList<>();
            List<ExpertOutput> outputs = new ArrayList<>();
            for (ExpertRun run : runs) {
                timings.add(Stages.PREPROCESS, run.preprocessNanos());
                outputs.add(run.result()); // the first failure in the routing's order fails the frame
                timings.add(run.stage(), run.expertNanos());
                costs.record(run.stage(), run.expertNanos());
                sizing.record(run.slot(), run.choice(), run.expertNanos());
                ran.add(run.slot().name());
            }
            return merge(frame, width, height, context, ran, outputs, timings, base, deadline);
        } finally {
            if (speculative != null) {
                // the routing did not choose the guess (or the frame failed first): wait, then discard it
                ExpertRun unused = speculative.await();
                stats.stage(Stages.speculationDiscarded(unused.slot().name()), unused.expertNanos());
            }
        }
    }

    /** The slots serving the chosen scenes, each once: a scene's slots in the order they were added. */
    private static List<ExpertSlot> chosenSlots(SceneContext context, WorkerLane lane) {
        List<ExpertSlot> slots = new ArrayList<>();
        for (String scene : context.chosen()) {
            List<ExpertSlot> serving = lane.slotsByScene.get(scene);
            if (serving == null) {
                throw new IllegalStateException("the policy chose scene '" + scene + "', which the gate does not know");
            }
            for (ExpertSlot slot : serving) {
                if (!slots.contains(slot)) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }

    /** Starts the expert that the last routing chose first on the overlap thread, when there is one. */
    private ExpertOverlap.Pending startGuessedExpert(DecodedImage image, WorkerLane lane, long deadline) {
        if (overlap == null || lastChosen.isEmpty()) {
            return null;
        }
        List<ExpertSlot> serving = lane.slotsByScene.getOrDefault(lastChosen.get(0), List.of());
        if (serving.isEmpty()) {
            return null;
        }
        ExpertSlot slot = serving.get(0);
        return overlap.start(slot, sizing.choose(slot, deadline - clock.getAsLong()), image);
    }

    /** The frame's result: every expert's detections and lanes in the order they ran. */
    private PerceptionResult merge(Frame frame, int width, int height, SceneContext context, List<String> ran,
                                   List<ExpertOutput> outputs, StageTimings.Builder timings, long base,
                                   long deadline) {
        long m0 = clock.getAsLong();
        List<Detection> detections = new ArrayList<>();
        List<Lane> roadLanes = new ArrayList<>();
        for (ExpertOutput output : outputs) {
            detections.addAll(output.detections());
            roadLanes.addAll(output.lanes());
        }
        long done = clock.getAsLong();
        timings.add(Stages.POSTPROCESS, done - m0);
        return new PerceptionResult(frame.seq(), frame.stampNanos(), frame.frameId(), width, height, context, ran,
                detections, roadLanes, timings.build(), done - base, done <= deadline, frame.truth());
    }

    /**
     * Expected cost of the experts serving {@code scene} with {@code remainingNanos} left: the sum of the recent
     * p90s of the inputs they would run ({@link UnderLoadSizing#expectedNanos}; 0 when unmeasured).
     */
    private long expectedNanos(String scene, long remainingNanos) {
        long sum = 0;
        for (ExpertSlot slot : lanes.get(0).slotsByScene.getOrDefault(scene, List.of())) {
            sum += sizing.expectedNanos(slot, remainingNanos - sum);
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
            delivery.problem(dropped, FrameProblem.Kind.DROPPED_REPLACED, "frame " + describe(dropped)
                    + " replaced by a newer frame before the worker was free", null);
        }
    }

    private static String describe(Frame frame) {
        return "#" + frame.seq() + " (" + frame.frameId() + ")";
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Releases the worker lanes' native buffers. Gate, experts, sinks and taps belong to the caller. */
    @Override
    public void close() {
        if (overlap != null) {
            overlap.close();
        }
        lanes.forEach(WorkerLane::close);
    }

    /**
     * Builder for {@link CameraWorker}: the host sets gate, experts and policy (required) and adds sinks and taps;
     * {@link CameraPipeline#create} adds settings, stats, mailbox and speed and builds it.
     */
    public static final class Builder {
        private PipelineSettings settings;
        private Gate gate;
        private final List<ExpertSlot> slots = new ArrayList<>();
        private final List<LaneNetworks> extraLanes = new ArrayList<>();
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

        /**
         * Adds one more worker lane for {@link PipelineSettings.Delivery#THROUGHPUT}: another instance of the same
         * gate and of the same experts (names and scenes as added with {@link #setGate} and {@link #addExpert}),
         * because gate and experts are not thread-safe. Each lane is one more frame processed at once.
         */
        public Builder addLane(Gate gate, List<ExpertSlot> slots) {
            this.extraLanes.add(new LaneNetworks(Objects.requireNonNull(gate, "gate"), List.copyOf(slots)));
            return this;
        }

        /** An extra lane's networks. */
        private record LaneNetworks(Gate gate, List<ExpertSlot> slots) {
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
