package dev.triage.fleet.exec;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.diff.DetectionMatcher;
import dev.triage.fleet.plan.DriveTask;
import dev.triage.fleet.store.HadoopFiles;
import dev.triage.fleet.store.LocalCopy;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.SourceFactory;
import dev.triage.launch.wiring.StackFactory;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.perception.pipeline.Pipeline;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.ReplayRun;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.ResultSink;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link DriveTask} on an executor: opens the recording through {@code SourceFactory}, replays its frame
 * range through the one pipeline (lossless, as {@code triage replay} does) with models borrowed from the executor's
 * {@link StackPool}, and with a baseline replays the same frames again through the baseline's models and policy and
 * diffs the two frame by frame. A remote recording (a Hadoop URI) is first copied to a local temporary file, read
 * from there by every replay of the task and deleted at the task's end; errors name the URI. Never throws for a bad
 * recording: the outcome carries the error.
 *
 * @param candidate  the configuration under test
 * @param baseline   the configuration to compare with, or null
 * @param modelsRoot where the job's model files are on this executor
 * @param pool       the executor's loaded models
 * @param files      reaches the recordings named by Hadoop URIs
 */
public record TaskRunner(Variant candidate, Variant baseline, Path modelsRoot, StackPool pool, HadoopFiles files) {

    /** Runs {@code task}; {@code executor} names this executor in the outcome. */
    public TaskOutcome run(DriveTask task, String executor) {
        try (LocalCopy local = stage(task)) {
            return run(task, local, executor);
        } catch (IOException e) {
            return outcome(task, e.getMessage(), null, executor);
        }
    }

    /** The task's recording where a reader can open it (a remote one copied to local disk). */
    LocalCopy stage(DriveTask task) throws IOException {
        return files.stage(task.recording().spec());
    }

    private TaskOutcome run(DriveTask task, LocalCopy local, String executor) {
        Side main = null;
        String error = null;
        try {
            main = replay(task, local.spec(), candidate, null);
            if (main.sourceError != null) {
                error = main.sourceError;
            } else if (baseline != null) {
                Side base = replay(task, local.spec(), baseline, null);
                error = base.sourceError;
                diff(main.frames, base.frames);
            }
        } catch (SourceException | ConfigException | StackFactory.StackException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = task.describe() + ": interrupted";
        } catch (RuntimeException e) {
            error = task.describe() + ": " + e;
        }
        return outcome(task, local.nameUri(error), main, executor);
    }

    /** One replay of the task's frames. */
    private static final class Side {
        List<FrameRecord> frames;
        FrameCollector collector;
        ReplayRun run;
        String sourceError;
        List<String> notes = List.of();
        double wallSeconds;
    }

    /**
     * Replays {@code task}'s frames of the recording at {@code localSpec} (see {@link #stage}) through
     * {@code variant} exactly as {@link #run} does, handing every result also to {@code extra} (what the clip
     * renderer keeps of a segment).
     *
     * @return the replay's run (its source error, if any)
     */
    ReplayRun replayInto(DriveTask task, String localSpec, Variant variant, ResultSink extra)
            throws SourceException, ConfigException, StackFactory.StackException, InterruptedException {
        return replay(task, localSpec, variant, extra).run;
    }

    private Side replay(DriveTask task, String localSpec, Variant variant, ResultSink extra)
            throws SourceException, ConfigException, StackFactory.StackException, InterruptedException {
        TriageConfig config = VariantConfig.load(variant, modelsRoot);
        // a chunk starts earlier by the policy's warm-up, whose frames bring the policy to its state unrecorded
        long start = PolicyChoice.warmUpStart(task.firstFrame(),
                PolicyChoice.warmUpFrames(variant.policy(), config), config.gateEveryNFrames());
        // the recording first: one that cannot be opened costs no model load
        try (FrameSource source = new FrameRange(SourceFactory.open(localSpec), start)) {
            Side side = replay(task, variant, config, source, new FrameCollector(task.firstFrame() - start), extra);
            side.notes = source.notes(); // complete once the source is read
            return side;
        }
    }

    private Side replay(DriveTask task, Variant variant, TriageConfig config, FrameSource source,
                        FrameCollector collector, ResultSink extra)
            throws StackFactory.StackException, InterruptedException {
        PerceptionStack stack = pool.borrow(variant.stackKey(), config, modelsRoot);
        try {
            CameraWorker.Builder worker = stack.addTo(CameraWorker.builder(),
                    PolicyChoice.fresh(variant.policy(), config)).addSink(collector);
            if (extra != null) {
                worker.addSink(extra);
            }
            // the configuration's budget, gate frequency, pixel limit and JPEG scaling; gate and experts one after
            // the other (no expert overlap: an executor already runs one task per core)
            PipelineSettings settings = config.pipelineSettings(PipelineSettings.Delivery.LOSSLESS)
                    .withOverlapExperts(false);
            long start = System.nanoTime();
            Side side = new Side();
            side.run = Pipeline.replay(source, worker, settings, task.maxFrames() + collector.warmUpLength());
            side.wallSeconds = (System.nanoTime() - start) / 1e9;
            side.frames = collector.frames();
            side.collector = collector;
            side.sourceError = side.run.sourceError().map(e -> chunkNote(task, e.getMessage())).orElse(null);
            return side;
        } finally {
            pool.release(variant.stackKey(), stack);
        }
    }

    private static String chunkNote(DriveTask task, String message) {
        return task.chunks() == 1 ? message : message + " (in " + task.describe() + ")";
    }

    /** Attaches to each candidate frame its difference to the baseline's result on the same frame. */
    private static void diff(List<FrameRecord> candidate, List<FrameRecord> baseline) {
        Map<Long, FrameRecord> bySeq = new HashMap<>();
        baseline.forEach(f -> bySeq.put(f.seq(), f));
        for (int i = 0; i < candidate.size(); i++) {
            FrameRecord other = bySeq.get(candidate.get(i).seq());
            if (other != null) {
                candidate.set(i, candidate.get(i).withDiff(DetectionMatcher.diff(candidate.get(i), other)));
            }
        }
    }

    private TaskOutcome outcome(DriveTask task, String error, Side main, String executor) {
        if (main == null) {
            return new TaskOutcome(task, error, List.of(), List.of(), 0, 0, 0, 0, 0, 0, new LatencyHistogram(),
                    Map.of(),
                    executor, pool.loads(), null);
        }
        var summary = main.run.summary();
        LatencyHistogram latency = new LatencyHistogram();
        Map<String, Long> expertFrames = new HashMap<>();
        for (FrameRecord f : main.frames) {
            latency.recordMillis(f.latencyMs());
            f.experts().forEach(e -> expertFrames.merge(e, 1L, Long::sum));
        }
        double span = 0;
        if (main.frames.size() > 1) {
            span = (main.frames.get(main.frames.size() - 1).stampNanos() - main.frames.get(0).stampNanos()) / 1e9;
        }
        FrameCollector warmUp = main.collector; // the counts leave the warm-up's frames out
        return new TaskOutcome(task, error, main.notes, new ArrayList<>(main.frames),
                summary.framesIn() - warmUp.warmUpIn(),
                summary.framesFailed() - warmUp.warmUpFailed(), summary.deadlineMisses() - warmUp.warmUpMisses(),
                summary.gateSwitches() - warmUp.warmUpSwitches(), Math.max(0, span), main.wallSeconds, latency,
                expertFrames, executor, pool.loads(), baseline == null ? null : ChangeStats.of(main.frames));
    }
}
