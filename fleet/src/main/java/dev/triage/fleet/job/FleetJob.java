package dev.triage.fleet.job;

import dev.triage.fleet.exec.ClipOutcome;
import dev.triage.fleet.exec.ClipPlan;
import dev.triage.fleet.exec.ClipRenderer;
import dev.triage.fleet.exec.FrameCounter;
import dev.triage.fleet.exec.StackPool;
import dev.triage.fleet.exec.TaskOutcome;
import dev.triage.fleet.exec.TaskRunner;
import dev.triage.fleet.exec.Variant;
import dev.triage.fleet.exec.VariantConfig;
import dev.triage.fleet.plan.DriveTask;
import dev.triage.fleet.plan.Recording;
import dev.triage.fleet.plan.TaskPlanner;
import dev.triage.fleet.report.FleetReportHtml;
import dev.triage.fleet.stats.ChangeRanking;
import dev.triage.fleet.stats.DriveSummary;
import dev.triage.fleet.store.HadoopFiles;
import dev.triage.fleet.store.LocalCopy;
import dev.triage.fleet.store.OutputDir;

import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet replay as a Spark job. Spark does the distribution: one task per recording (or per chunk of a large
 * one, see {@link TaskPlanner}), each run by {@link TaskRunner} with the executor's reused models; the model files
 * travel with the job ({@code SparkContext.addFile}). Writes {@code DIR/frames/} (partitioned by drive) and
 * {@code DIR/drives/} as Parquet and returns what the summaries need. Recordings and {@code DIR} may be Hadoop URIs
 * ({@code hdfs://...}): Spark writes the Parquet tables there directly, tasks read a local copy of a remote
 * recording ({@link HadoopFiles#stage}), clips are rendered locally and uploaded.
 *
 * <pre>{@code
 * FleetJob.Result result = FleetJob.run(spark,
 *         new FleetJob.Spec(recordings, candidate, Optional.empty(), out, files, planner, 5));
 * }</pre>
 */
public final class FleetJob {
    private static final Logger LOG = LoggerFactory.getLogger(FleetJob.class);
    /** Name prefix of the driver's temporary folder where the model files wait for the executors to fetch them. */
    private static final String STAGING = "triage-fleet-models-";

    private FleetJob() {
    }

    /**
     * What to run.
     *
     * @param recordings the drives
     * @param candidate  the configuration under test
     * @param baseline   the configuration to compare with
     * @param out        output folder (local on a file system every executor can write, or a Hadoop URI)
     * @param files      reaches recordings and outputs named by Hadoop URIs
     * @param planner    how large recordings are split
     * @param clips      with a baseline: A/B clips of the most-changed segment of this many top drives
     */
    public record Spec(List<Recording> recordings, VariantConfig.Prepared candidate,
                       Optional<VariantConfig.Prepared> baseline, OutputDir out, HadoopFiles files,
                       TaskPlanner planner, int clips) {
    }

    /**
     * What ran.
     *
     * @param drives      the drives, chunks merged, in input order
     * @param tasks       every task's outcome (without frames)
     * @param wallSeconds the job's time from planning to the last Parquet file
     * @param phases      seconds per phase of the job, in order: {@code plan} (model shipping, frame counting),
     *                    {@code tasks_and_frames_parquet} (the replays, model loading included, writing their
     *                    frames), {@code drives_parquet}, {@code clips}
     * @param clips       the A/B clips rendered (or failed), in ranking order
     */
    public record Result(List<DriveSummary> drives, List<TaskOutcome> tasks, double wallSeconds,
                         Map<String, Double> phases, List<ClipOutcome> clips) {

        /** Model stacks each executor loaded, by executor id (the most any of its tasks saw). */
        public Map<String, Long> modelLoadsByExecutor() {
            Map<String, Long> loads = new HashMap<>();
            tasks.forEach(t -> loads.merge(t.executor(), t.jvmModelLoads(), Math::max));
            return loads;
        }
    }

    /** Runs the job on {@code spark}. */
    public static Result run(SparkSession spark, Spec spec) throws IOException {
        long start = System.nanoTime();
        Map<String, Double> phases = new java.util.LinkedHashMap<>();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spec.out().create();
        Path models = shipModels(jsc, spec);
        List<DriveTask> tasks = spec.planner().plan(spec.recordings(), frameCounts(jsc, spec));
        LOG.info("fleet: {} recordings, {} tasks", spec.recordings().size(), tasks.size());
        long mark = lap(phases, "plan", start);

        Variant candidate = spec.candidate().variant();
        Variant baseline = spec.baseline().map(VariantConfig.Prepared::variant).orElse(null);
        HadoopFiles files = spec.files();
        // one pass: each task replays its frames and hands them straight to the Parquet writer; its counts (without
        // frames) come back through an accumulator, so no frame is cached or recomputed
        CollectionAccumulator<TaskOutcome> outcomes = jsc.sc().collectionAccumulator("fleet task outcomes");
        JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size()).flatMap(task -> {
            TaskOutcome outcome = runTask(task, candidate, baseline, files);
            outcomes.add(outcome.withoutFrames());
            return FrameTable.rows(outcome).iterator();
        });
        spark.createDataFrame(rows, FrameTable.SCHEMA).write().mode(SaveMode.Overwrite).partitionBy("drive")
                .parquet(spec.out().resolve("frames"));
        mark = lap(phases, "tasks_and_frames_parquet", mark);
        List<TaskOutcome> collected = onePerTask(tasks, outcomes.value());
        List<DriveSummary> drives = DriveSummary.of(collected);
        spark.createDataFrame(drives.stream().map(DriveTable::row).toList(), DriveTable.SCHEMA).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(spec.out().resolve("drives"));
        mark = lap(phases, "drives_parquet", mark);
        List<ClipOutcome> clips = baseline == null ? List.of()
                : renderClips(jsc, ChangeRanking.clips(drives, collected, spec.clips()), candidate, baseline, files,
                spec.out());
        lap(phases, "clips", mark);
        deleteStaging(models);
        return new Result(drives, collected, (System.nanoTime() - start) / 1e9, phases, clips);
    }

    /** The outcomes in task order, one per task (a re-executed task reports twice through an accumulator). */
    private static List<TaskOutcome> onePerTask(List<DriveTask> tasks, List<TaskOutcome> reported) {
        Map<DriveTask, TaskOutcome> byTask = new HashMap<>();
        reported.forEach(o -> byTask.putIfAbsent(o.task(), o));
        List<TaskOutcome> ordered = new ArrayList<>();
        for (DriveTask task : tasks) {
            if (byTask.containsKey(task)) {
                ordered.add(byTask.get(task));
            }
        }
        return ordered;
    }

    private static long lap(Map<String, Double> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1e9);
        return now;
    }

    /**
     * The clip stage: one small Spark task per clip, after the job, so that the segment's frames are re-read and
     * both sides replayed where the recordings and the loaded models are (the executors), in parallel.
     */
    private static List<ClipOutcome> renderClips(JavaSparkContext jsc, List<ClipPlan> plans, Variant candidate,
                                                 Variant baseline, HadoopFiles files, OutputDir out) {
        if (plans.isEmpty()) {
            return List.of();
        }
        List<ClipOutcome> clips = jsc.parallelize(plans, plans.size())
                .map(plan -> renderClip(plan, new TaskRunner(candidate, baseline,
                        Path.of(SparkFiles.getRootDirectory()), StackPool.shared(), files), out)).collect();
        clips.stream().filter(c -> !c.ok()).forEach(c -> LOG.warn("fleet: {}", c.error()));
        return List.copyOf(clips);
    }

    /** Executor side of one clip: rendered into {@code DIR/clips/}, or for a remote DIR locally, then uploaded. */
    private static ClipOutcome renderClip(ClipPlan plan, TaskRunner runner, OutputDir out) throws IOException {
        if (!out.remote()) {
            return new ClipRenderer(runner, out.local().resolve(FleetReportHtml.CLIPS)).render(plan);
        }
        String target = FleetReportHtml.CLIPS + "/" + plan.file();
        try (LocalCopy local = LocalCopy.inTempFolder(out.resolve(target), plan.file())) {
            ClipOutcome clip = new ClipRenderer(runner, local.temp()).render(plan);
            if (clip.frames() > 0) {
                try {
                    out.upload(local.local(), target);
                } catch (IOException e) {
                    return new ClipOutcome(plan, 0, "clip " + plan.file() + ": cannot upload it to "
                            + local.uri() + ": " + e.getMessage());
                }
            }
            return clip;
        }
    }

    /** Executor side of one task. */
    private static TaskOutcome runTask(DriveTask task, Variant candidate, Variant baseline, HadoopFiles files) {
        Path modelsRoot = Path.of(SparkFiles.getRootDirectory());
        return new TaskRunner(candidate, baseline, modelsRoot, StackPool.shared(), files)
                .run(task, SparkEnv.get().executorId());
    }

    /**
     * Copies the referenced model files under their job names into a temporary folder of the driver and adds them
     * to the job, so that every executor gets them in its {@code SparkFiles} folder.
     *
     * @return the temporary folder, removed after the job
     */
    private static Path shipModels(JavaSparkContext jsc, Spec spec) throws IOException {
        Path staging = Files.createTempDirectory(STAGING);
        Map<String, Path> files = new HashMap<>(spec.candidate().modelFiles());
        spec.baseline().ifPresent(b -> files.putAll(b.modelFiles()));
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Path staged = staging.resolve(f.getKey());
            Files.copy(f.getValue(), staged, StandardCopyOption.REPLACE_EXISTING);
            jsc.addFile(staged.toAbsolutePath().toString());
        }
        return staging;
    }

    private static void deleteStaging(Path staging) {
        try (var files = Files.list(staging)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.warn("fleet: could not remove {}: {}", staging, e.getMessage());
        }
    }

    /** Frame counts of the recordings the planner splits, counted by Spark tasks (one per recording). */
    private static Map<String, Long> frameCounts(JavaSparkContext jsc, Spec spec) {
        List<Recording> large = spec.recordings().stream().filter(spec.planner()::splits).toList();
        if (large.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        HadoopFiles files = spec.files();
        jsc.parallelize(large, large.size()).map(r -> countOrMinusOne(r, files)).collect()
                .forEach(c -> {
                    if (c.frames() >= 0) {
                        counts.put(c.driveId(), c.frames());
                    }
                });
        return counts;
    }

    /**
     * A frame count.
     *
     * @param driveId the drive
     * @param frames  its frames, or -1 when it cannot be opened
     */
    private record Count(String driveId, long frames) implements java.io.Serializable {
    }

    private static Count countOrMinusOne(Recording r, HadoopFiles files) {
        try (LocalCopy local = files.stage(r.spec())) {
            return new Count(r.driveId(), FrameCounter.count(local.spec()));
        } catch (Exception e) {
            return new Count(r.driveId(), -1);
        }
    }
}
