package dev.triage.perception.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Lanes in the TuSimple layout: a shared list of sample rows and, per lane, the x at each row
 * ({@link #ABSENT} where the lane does not cross that row).
 *
 * @param hSamples sample rows in pixels, increasing
 * @param lanes    one x list per lane, each as long as {@code hSamples}
 */
public record LaneRows(List<Integer> hSamples, List<List<Double>> lanes) {

    /** TuSimple's marker for "no lane point on this row". */
    public static final double ABSENT = -2;

    public LaneRows {
        hSamples = List.copyOf(hSamples);
        List<List<Double>> copy = new ArrayList<>();
        for (List<Double> lane : lanes) {
            if (lane.size() != hSamples.size()) {
                throw new IllegalArgumentException("lane has " + lane.size() + " x values for " + hSamples.size() + " rows");
            }
            copy.add(List.copyOf(lane));
        }
        lanes = List.copyOf(copy);
    }

    /** Converts polylines to rows by sampling each lane at {@code rows}. */
    public static LaneRows sample(List<Lane> polylines, List<Integer> rows) {
        List<List<Double>> xs = new ArrayList<>();
        for (Lane lane : polylines) {
            List<Double> laneXs = new ArrayList<>(rows.size());
            for (int y : rows) {
                double x = lane.xAt(y);
                laneXs.add(Double.isNaN(x) ? ABSENT : x);
            }
            xs.add(laneXs);
        }
        return new LaneRows(rows, xs);
    }
}
