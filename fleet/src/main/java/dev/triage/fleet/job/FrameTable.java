package dev.triage.fleet.job;

import dev.triage.fleet.diff.FrameDiff;
import dev.triage.fleet.exec.FrameRecord;
import dev.triage.fleet.exec.TaskOutcome;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-frame table, {@code DIR/frames/drive=<id>/*.parquet}: one row per processed frame. The A/B columns
 * ({@code baseline_scene} ... {@code lane_delta}) are null without a baseline.
 */
public final class FrameTable {
    private static final DataType STRING = DataTypes.StringType;
    private static final DataType DOUBLE = DataTypes.DoubleType;

    private static final StructType DETECTION = new StructType().add("label", STRING).add("score", DOUBLE)
            .add("x1", DOUBLE).add("y1", DOUBLE).add("x2", DOUBLE).add("y2", DOUBLE);
    private static final StructType LANE = new StructType().add("slot", DataTypes.IntegerType)
            .add("confidence", DOUBLE).add("xs", new ArrayType(DOUBLE, false)).add("ys", new ArrayType(DOUBLE, false));

    /** The table's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("drive", STRING, false)
            .add("chunk", DataTypes.IntegerType, false)
            .add("seq", DataTypes.LongType, false)
            .add("stamp_ns", DataTypes.LongType, false)
            .add("scene", STRING, false)
            .add("scene_probs", DataTypes.createMapType(STRING, DOUBLE))
            .add("experts", new ArrayType(STRING, false))
            .add("detections", new ArrayType(DETECTION, false))
            .add("lanes", new ArrayType(LANE, false))
            .add("timings_ms", DataTypes.createMapType(STRING, DOUBLE))
            .add("latency_ms", DOUBLE, false)
            .add("deadline_met", DataTypes.BooleanType, false)
            .add("baseline_scene", STRING)
            .add("scene_flip", DataTypes.BooleanType)
            .add("detections_gained", DataTypes.createMapType(STRING, DataTypes.IntegerType))
            .add("detections_lost", DataTypes.createMapType(STRING, DataTypes.IntegerType))
            .add("lane_delta", DataTypes.IntegerType);

    private FrameTable() {
    }

    /** The rows of one task's frames. */
    public static List<Row> rows(TaskOutcome outcome) {
        String drive = outcome.task().recording().driveId();
        List<Row> rows = new ArrayList<>(outcome.frames().size());
        for (FrameRecord f : outcome.frames()) {
            FrameDiff d = f.diff();
            rows.add(RowFactory.create(drive, outcome.task().chunk(), f.seq(), f.stampNanos(), f.scene(),
                    SparkValues.map(f.sceneProbs()), f.experts().toArray(String[]::new),
                    f.detections().stream().map(FrameTable::detection).toArray(Row[]::new),
                    f.lanes().stream().map(FrameTable::lane).toArray(Row[]::new), SparkValues.map(f.timingsMs()),
                    f.latencyMs(), f.deadlineMet(), d == null ? null : d.baselineScene(),
                    d == null ? null : d.sceneFlip(), d == null ? null : SparkValues.map(d.gained()),
                    d == null ? null : SparkValues.map(d.lost()), d == null ? null : d.laneDelta()));
        }
        return rows;
    }

    private static Row detection(FrameRecord.Box b) {
        return RowFactory.create(b.label(), b.score(), b.x1(), b.y1(), b.x2(), b.y2());
    }

    private static Row lane(FrameRecord.LaneLine l) {
        return RowFactory.create(l.slot(), l.confidence(), l.xs(), l.ys());
    }
}
