package dev.triage.datasets.synthetic;

import java.util.List;

/**
 * Cross-section of a road: lanes, their paint and the ground bands beside them. Lateral offsets are metres from the
 * centre of the ego lane, positive to the right.
 *
 * @param laneCount     lanes, at least 1
 * @param laneWidth     metres per lane
 * @param egoLane       index of the lane the camera drives in, 0 = leftmost
 * @param markings      paint of the {@code laneCount + 1} boundaries, left to right
 * @param leftShoulder  tarmac beyond the leftmost boundary in metres
 * @param rightShoulder tarmac beyond the rightmost boundary in metres
 * @param bands         ground bands, sorted by {@code from}
 * @param drawDistance  metres up to which markings are painted and labelled
 */
record RoadLayout(int laneCount, double laneWidth, int egoLane, List<LaneMarking> markings, double leftShoulder,
                  double rightShoulder, List<GroundBand> bands, double drawDistance) {

    RoadLayout {
        markings = List.copyOf(markings);
        bands = List.copyOf(bands);
        if (markings.size() != laneCount + 1) {
            throw new IllegalArgumentException(markings.size() + " markings for " + laneCount + " lanes");
        }
        if (egoLane < 0 || egoLane >= laneCount) {
            throw new IllegalArgumentException("ego lane " + egoLane + " of " + laneCount);
        }
    }

    /** Offset of boundary {@code k} (0 = left edge of lane 0). */
    double boundaryOffset(int k) {
        return (k - egoLane - 0.5) * laneWidth;
    }

    /** Centre offset of lane {@code i}. */
    double laneCentre(int i) {
        return (i - egoLane) * laneWidth;
    }

    /** Left edge of the tarmac. */
    double roadLeft() {
        return boundaryOffset(0) - leftShoulder;
    }

    /** Right edge of the tarmac. */
    double roadRight() {
        return boundaryOffset(laneCount) + rightShoulder;
    }

    /** Boundary index of a TuSimple slot (0..3), or -1 when that boundary does not exist or is not painted. */
    int boundaryOfSlot(int slot) {
        int k = egoLane - 1 + slot;
        if (k < 0 || k > laneCount || !markings.get(k).painted()) {
            return -1;
        }
        return k;
    }
}
