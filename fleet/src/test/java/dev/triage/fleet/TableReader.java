package dev.triage.fleet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the job's Parquet tables back in a test: a {@code local[1]} Spark session on loopback with the UI off, started
 * on first use and stopped by {@link #close}.
 */
final class TableReader implements AutoCloseable {
    private SparkSession spark;

    /** The table at {@code path} (a local path or a Hadoop URI). */
    Dataset<Row> parquet(String path) {
        if (spark == null) {
            spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return spark.read().parquet(path);
    }

    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
        }
    }
}
