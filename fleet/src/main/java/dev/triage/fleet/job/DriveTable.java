package dev.triage.fleet.job;

import dev.triage.fleet.diff.ChangeStats;
import dev.triage.fleet.stats.DriveSummary;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-drive table, {@code DIR/drives/*.parquet}: one row per drive, with its latency histogram (perception's
 * {@code LatencyHistogram}, HdrHistogram's compressed encoding: {@code LatencyHistogram.decode}) so that any set of
 * drives can be merged into correct percentiles later, and its A/B change counts (null without a baseline).
 */
public final class DriveTable {
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType DOUBLE = DataTypes.DoubleType;

    /** The table's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("drive", DataTypes.StringType, false)
            .add("recording", DataTypes.StringType, false)
            .add("ok", DataTypes.BooleanType, false)
            .add("error", DataTypes.StringType)
            .add("notes", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("chunks", DataTypes.IntegerType, false)
            .add("frames_in", LONG, false)
            .add("frames", LONG, false)
            .add("frames_failed", LONG, false)
            .add("deadline_misses", LONG, false)
            .add("gate_switches", LONG, false)
            .add("span_s", DOUBLE, false)
            .add("task_s", DOUBLE, false)
            .add("latency_p50_ms", DOUBLE, false)
            .add("latency_p99_ms", DOUBLE, false)
            .add("latency_histogram", DataTypes.BinaryType)
            .add("expert_frames", DataTypes.createMapType(DataTypes.StringType, LONG))
            .add("changed_frames", LONG)
            .add("scene_flips", LONG)
            .add("detections_gained", DataTypes.createMapType(DataTypes.StringType, LONG))
            .add("detections_lost", DataTypes.createMapType(DataTypes.StringType, LONG))
            .add("lane_count_changes", LONG)
            .add("changed_share", DOUBLE);

    private DriveTable() {
    }

    /** The row of one drive. */
    public static Row row(DriveSummary d) {
        ChangeStats c = d.changes();
        return RowFactory.create(d.driveId(), d.spec(), d.ok(), d.error(), d.notes().toArray(String[]::new),
                d.chunks(), d.framesIn(), d.frames(),
                d.framesFailed(), d.deadlineMisses(), d.gateSwitches(), d.spanSeconds(), d.wallSeconds(),
                d.latency().summary().p50(), d.latency().summary().p99(), d.latency().encoded(),
                SparkValues.map(d.expertFrames()),
                c == null ? null : c.changedFrames(), c == null ? null : c.sceneFlips(),
                c == null ? null : SparkValues.map(c.gained()), c == null ? null : SparkValues.map(c.lost()),
                c == null ? null : c.laneChanges(), c == null ? null : c.changedShare());
    }
}
