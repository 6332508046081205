package dev.triage.fleet.job;

import org.apache.spark.SparkConf;

import java.util.Map;

/**
 * The Spark configuration of a fleet job: the master, loopback binding for single-machine runs, the UI off unless
 * asked for, and on every executor the same offline and native-library settings that {@code scripts/runtime-env.sh}
 * gives the launchers (DJL must never phone home; oneDNN AVX2; glibc malloc thresholds).
 */
public final class SparkSettings {
    /** Executor environment, as in {@code scripts/runtime-env.sh}. */
    public static final Map<String, String> EXECUTOR_ENV = Map.of("DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true",
            "DNNL_MAX_CPU_ISA", "AVX2", "OPENBLAS_NUM_THREADS", "1", "MALLOC_MMAP_THRESHOLD_", "67108864",
            "MALLOC_TRIM_THRESHOLD_", "268435456");
    /** Executor JVM options, as in {@code bin/triage}. */
    public static final String EXECUTOR_JAVA_OPTIONS = "-Xss4m -Dai.djl.offline=true "
            + "-Dai.djl.pytorch.graph_optimizer=false";

    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private SparkSettings() {
    }

    /**
     * The configuration.
     *
     * @param master    the master URL, or null to keep what spark-submit set (else {@code local[*]})
     * @param bind      the address the driver binds to and advertises, or null (local masters: 127.0.0.1)
     * @param overrides {@code --conf} settings, applied last
     */
    public static SparkConf create(String master, String bind, Map<String, String> overrides) {
        SparkConf conf = new SparkConf().setAppName("triage-fleet");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        String address = bind != null ? bind : conf.get("spark.master").startsWith("local") ? "127.0.0.1" : null;
        if (address != null) {
            conf.set("spark.driver.host", address).set("spark.driver.bindAddress", address);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        String plugins = conf.get("spark.plugins", "");
        conf.set("spark.plugins", FleetPlugin.class.getName() + (plugins.isEmpty() ? "" : "," + plugins));
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        EXECUTOR_ENV.forEach(conf::setExecutorEnv);
        conf.set("spark.executor.extraJavaOptions",
                (EXECUTOR_JAVA_OPTIONS + " " + conf.get("spark.executor.extraJavaOptions", "")).strip());
        overrides.forEach(conf::set);
        return conf;
    }

    /**
     * The Hadoop settings of {@code conf}: every {@code spark.hadoop.KEY} as {@code KEY}, as Spark hands them to
     * its own Hadoop configuration (so the fleet's own HDFS reads and writes see the same settings).
     */
    public static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (scala.Tuple2<String, String> kv : conf.getAllWithPrefix(HADOOP_PREFIX)) {
            settings.put(kv._1(), kv._2());
        }
        return settings;
    }
}
