package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One camera's pipeline: the one-slot mailbox, the counters, the speed track and the worker thread, with typed
 * input ports for frames ({@link #frames()}) and vehicle speed ({@link #speed()}). Hosts (replay's
 * {@link SourcePump}, the ROS 1 and ROS 2 nodes) only feed the ports and read {@link #summary()}; none of them
 * assembles mailbox, stats and worker.
 *
 * <pre>{@code
 * try (CameraPipeline pipeline = CameraPipeline.create(settings, stack.addTo(CameraWorker.builder()).addSink(sink))) {
 *     pipeline.start(WorkerThreads.plain());
 *     pipeline.speed().accept(new SpeedSample(13.9, stamp));
 *     pipeline.frames().offer(frame);
 *     ...
 *     pipeline.frames().close();
 *     pipeline.awaitWorker();
 *     PipelineSummary summary = pipeline.summary();
 * }
 * }</pre>
 */
public final class CameraPipeline implements AutoCloseable {
    /** Name of the worker thread. */
    public static final String WORKER_THREAD = "triage-worker";
    private static final long STOP_WAIT_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger(CameraPipeline.class.getName());

    private final PipelineSettings settings;
    private final LatestFrameMailbox mailbox = new LatestFrameMailbox();
    private final PipelineStats stats;
    private final SpeedTrack speed = new SpeedTrack();
    private final CameraWorker worker;
    private final FramePort frames = new MailboxPort();
    private Thread workerThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CameraPipeline(PipelineSettings settings, CameraWorker.Builder worker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stats = new PipelineStats(settings.budgetNanos());
        this.worker = worker.setSettings(settings).setStats(stats).setMailbox(mailbox).setSpeed(speed).build();
    }

    /**
     * Builds the pipeline (the worker warms up its preprocessing here); nothing runs until {@link #start}.
     *
     * @param worker a builder with gate, experts, policy and any sinks and taps; the pipeline adds the rest
     * @throws IllegalArgumentException when the experts do not cover the gate's scenes (see {@link CameraWorker})
     */
    public static CameraPipeline create(PipelineSettings settings, CameraWorker.Builder worker) {
        return new CameraPipeline(settings, Objects.requireNonNull(worker, "worker"));
    }

    /** Starts the worker thread through the host's thread policy; once. */
    public synchronized void start(WorkerThreads threads) {
        if (workerThread != null) {
            throw new IllegalStateException("pipeline already started");
        }
        workerThread = threads.supervise(WORKER_THREAD, worker, () -> !closed.get());
        workerThread.start();
    }

    /** The frame input. */
    public FramePort frames() {
        return frames;
    }

    /** The vehicle speed input. */
    public SpeedPort speed() {
        return speed;
    }

    /** How this pipeline paces and budgets frames. */
    public PipelineSettings settings() {
        return settings;
    }

    /** What the pipeline has done so far (a consistent-enough snapshot). */
    public PipelineSummary summary() {
        return stats.summary();
    }

    /** The named decode issues so far ({@code too_large}, {@code damaged}, {@code unreadable}, {@code decode_warning}), sorted. */
    public Map<String, Long> decodeIssues() {
        return stats.decodeIssues();
    }

    /**
     * Waits until the worker has processed every frame handed in and ended (after {@link FramePort#close()}).
     */
    public void awaitWorker() throws InterruptedException {
        Thread t = thread();
        if (t != null) {
            t.join();
        }
    }

    /**
     * Stops now: closes the frame port, lets the worker finish its current frame (up to 10 s) and releases its
     * buffers. Gate, experts, sinks and taps belong to the caller.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        mailbox.close();
        worker.requestStop();
        Thread t = thread();
        if (t != null) {
            try {
                t.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (t == null || !t.isAlive()) {
            worker.close();
        } else {
            LOG.log(System.Logger.Level.WARNING, "worker still busy after " + STOP_WAIT_MILLIS / 1000
                    + " s; leaving its buffers to the JVM");
        }
    }

    private synchronized Thread thread() {
        return workerThread;
    }

    /** The frame port over the mailbox: counts each accepted frame as it goes in. */
    private final class MailboxPort implements FramePort {
        @Override
        public boolean offer(Frame frame) {
            if (settings.delivery() == PipelineSettings.Delivery.THROUGHPUT) {
                throw new IllegalStateException("throughput delivery never drops a frame: feed it with put(frame)");
            }
            return counted(mailbox.offer(frame));
        }

        @Override
        public boolean put(Frame frame) throws InterruptedException {
            return counted(mailbox.put(frame));
        }

        private boolean counted(boolean accepted) {
            if (accepted) {
                stats.frameIn();
            }
            return accepted;
        }

        @Override
        public void close() {
            mailbox.close();
        }
    }
}
