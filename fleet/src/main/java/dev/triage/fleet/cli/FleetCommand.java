package dev.triage.fleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.fleet.exec.PolicyChoice;
import dev.triage.fleet.exec.VariantConfig;
import dev.triage.fleet.job.FleetJob;
import dev.triage.fleet.job.SparkSettings;
import dev.triage.fleet.plan.DriveList;
import dev.triage.fleet.plan.Recording;
import dev.triage.fleet.plan.TaskPlanner;
import dev.triage.fleet.report.FleetReportHtml;
import dev.triage.fleet.report.FleetSummaryJson;
import dev.triage.fleet.store.HadoopFiles;
import dev.triage.fleet.store.OutputDir;
import dev.triage.launch.cli.CliErrors;
import dev.triage.launch.cli.CliHelp;
import dev.triage.launch.cli.Installation;
import dev.triage.launch.config.ConfigException;
import dev.triage.launch.output.JsonFiles;
import dev.triage.launch.wiring.SidecarReader;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code triage fleet}: replays many recorded drives as an Apache Spark job; results as Parquet and a report. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Replay a fleet of recorded drives through the gate and experts as an Apache Spark job.",
                "Writes DIR/frames/ (Parquet, one row per frame, partitioned by drive), DIR/drives/ (Parquet, one "
                        + "row per drive), DIR/fleet_summary.json and DIR/fleet_report.html. With "
                        + "--baseline-config or --baseline-policy, every frame also runs through the baseline and "
                        + "the tables carry the differences.",
                "DRIVES and DIR may be Hadoop URIs (hdfs://NAMENODE:PORT/path, or any scheme a Hadoop FileSystem "
                        + "on the class path serves): the drives are listed there, every task copies its remote "
                        + "recording to a local temporary file and deletes it when done, Spark writes the Parquet "
                        + "tables to the URI, and the summary, the report and the clips go there through Hadoop's "
                        + "FileSystem. Local paths are read and written where they are. Hadoop settings: "
                        + "--conf spark.hadoop.KEY=VALUE."},
        exitCodeList = {"0:every drive was processed to its end", "2:bad arguments, configuration or models",
                "3:some drives failed (fleet_summary.json lists them with their errors); the others were processed"})
public final class FleetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DRIVES", description = "A folder of recordings (.bag, .mcap, videos, "
            + "sub-folders), a glob ('/data/*/*.bag', quoted), or a text file listing one recording per line; "
            + "each a local path or a Hadoop URI ('hdfs://nn:8020/drives/*.bag').")
    String drives;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created): a "
            + "local path or a Hadoop URI (hdfs://nn:8020/fleet/run1).")
    String out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://HOST:PORT, "
            + "yarn, k8s://... (default: the one spark-submit set, else local[*]).")
    String master;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address the driver binds to and advertises "
            + "(default for local masters: 127.0.0.1).")
    String bind;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration or profile under test.")
    String config;

    @Option(names = "--policy", paramLabel = "P", defaultValue = "gated",
            description = "Routing policy under test: gated, always_<scene>, both (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--baseline-config", paramLabel = "FILE", description = "A/B: configuration of the baseline.")
    String baselineConfig;

    @Option(names = "--baseline-policy", paramLabel = "P", description = "A/B: routing policy of the baseline "
            + "(default gated); with only this option the baseline uses the --config models.")
    String baselinePolicy;

    @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "1024", description = "Recordings larger than "
            + "this are split into chunks of --chunk-frames frames (default: ${DEFAULT-VALUE}).")
    double splitMb;

    @Option(names = "--chunk-frames", paramLabel = "N", defaultValue = "3000",
            description = "Frames per chunk of a split recording (default: ${DEFAULT-VALUE}).")
    long chunkFrames;

    @Option(names = "--clips", paramLabel = "N", defaultValue = "5", description = "A/B: render an overlay clip "
            + "(candidate left, baseline right) of the most-changed segment of the N most-changed drives into "
            + "DIR/clips/ (default: ${DEFAULT-VALUE}; 0: none).")
    int clips;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!(splitMb > 0) || chunkFrames < 1 || clips < 0) {
            return CliErrors.fail("--split-mb must be above 0, --chunk-frames at least 1 and --clips at least 0");
        }
        SparkConf conf = SparkSettings.create(master, bind, sparkConf);
        HadoopFiles files = HadoopFiles.of(SparkSettings.hadoopSettings(conf));
        OutputDir output = OutputDir.of(out, files);
        List<Recording> recordings;
        VariantConfig.Prepared candidate;
        Optional<VariantConfig.Prepared> baseline = Optional.empty();
        try {
            recordings = DriveList.resolve(drives, files);
            candidate = prepare("candidate", config, policy);
            if (baselineConfig != null || baselinePolicy != null) {
                baseline = Optional.of(prepare("baseline", baselineConfig != null ? baselineConfig : config,
                        baselinePolicy != null ? baselinePolicy : "gated"));
            }
        } catch (DriveList.DriveListException | ConfigException | PolicyException e) {
            return CliErrors.fail(e.getMessage());
        } catch (IOException e) {
            return CliErrors.fail("cannot read " + e.getMessage());
        }
        TaskPlanner planner = new TaskPlanner(Math.max(1, (long) (splitMb * 1024 * 1024)), chunkFrames);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            FleetJob.Result result = FleetJob.run(spark,
                    new FleetJob.Spec(recordings, candidate, baseline, output, files, planner, clips));
            ObjectNode summary = FleetSummaryJson.build(result, spark.sparkContext().master(), baseline.isPresent());
            output.writeString("fleet_summary.json", JsonFiles.text(summary));
            output.writeString("fleet_report.html", FleetReportHtml.html(result.drives(), summary.toPrettyString(),
                    baseline.isPresent(), result.clips()));
            long failed = summary.get("drives_failed").size();
            System.out.printf(Locale.ROOT, "%d drives ok, %d failed; %d frames, %d deadline misses, %.1f frames/s; "
                            + "results in %s%n", summary.get("drives_ok").asLong(), failed,
                    summary.get("frames").asLong(), summary.get("deadline_misses").asLong(),
                    summary.get("frames_per_second").asDouble(), output);
            summary.get("drives_failed").forEach(f -> System.err.println("triage: " + f.get("error").asText()));
            return failed == 0 ? 0 : 3;
        } finally {
            spark.stop();
        }
    }

    /** A policy name the gate cannot serve. */
    private static final class PolicyException extends Exception {
        private static final long serialVersionUID = 1L;

        PolicyException(String message) {
            super(message);
        }
    }

    private static VariantConfig.Prepared prepare(String label, String configFile, String policyName)
            throws ConfigException, IOException, PolicyException {
        VariantConfig.Prepared prepared = VariantConfig.prepare(label, configFile, policyName, Installation.home());
        List<String> scenes;
        try {
            scenes = new SidecarReader().gate(prepared.modelFiles().get(prepared.variant().models().get("gate")
                    + ".json")).classes();
        } catch (Exception e) {
            throw new ConfigException("gate sidecar: " + e.getMessage(), e);
        }
        String problem = PolicyChoice.check(policyName, scenes);
        if (problem != null) {
            throw new PolicyException((label.equals("baseline") ? "--baseline-policy: " : "--policy: ") + problem);
        }
        return prepared;
    }

    /** Entry point used by {@code bin/triage fleet}. */
    public static void main(String[] args) {
        quietSpark();
        System.exit(CliHelp.withExitCodeHeadings(new CommandLine(new FleetCommand())).execute(args));
    }

    /**
     * Spark, Hadoop and Parquet log at INFO per task, and Hadoop warns on every start that it has no native library
     * (it uses its Java code then); keep Triage's own lines readable.
     */
    static void quietSpark() {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error"));
        for (String logger : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
                "org.apache.parquet", "org.apache.hc")) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger,
                    System.getProperty("org.slf4j.simpleLogger.log." + logger, "warn"));
        }
    }
}
