package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.geometry.Point;

import java.util.List;

/**
 * triage_msgs/Lane: one lane boundary as a polyline in image pixels, far to near.
 *
 * @param slot            position relative to the ego vehicle, one of the {@code SLOT_*} constants
 * @param type            kind of boundary, one of the {@code TYPE_*} constants
 * @param confidence      mean confidence of the points, in [0, 1]
 * @param points          polyline in pixels (x column, y row, z 0), sorted by increasing y
 * @param pointConfidence confidence per point: empty, or one per point
 */
public record Lane(int slot, int type, float confidence, List<Point> points, float[] pointConfidence) {

    /** Slot: second boundary to the left of the ego lane. */
    public static final int SLOT_SECOND_LEFT = 0;
    /** Slot: left boundary of the ego lane. */
    public static final int SLOT_EGO_LEFT = 1;
    /** Slot: right boundary of the ego lane. */
    public static final int SLOT_EGO_RIGHT = 2;
    /** Slot: second boundary to the right of the ego lane. */
    public static final int SLOT_SECOND_RIGHT = 3;
    /** Type: not classified. */
    public static final int TYPE_UNKNOWN = 0;
    /** Type: solid line. */
    public static final int TYPE_SOLID = 1;
    /** Type: dashed line. */
    public static final int TYPE_DASHED = 2;
    /** Type: road edge without a painted line. */
    public static final int TYPE_ROAD_EDGE = 3;

    public Lane {
        points = List.copyOf(points);
        if (pointConfidence.length != 0 && pointConfidence.length != points.size()) {
            throw new IllegalArgumentException("point_confidence must be empty or one per point: "
                    + pointConfidence.length + " for " + points.size() + " points");
        }
    }
}
