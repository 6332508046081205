package dev.triage.experts.decode;

/**
 * Thresholds and options for {@link RowAnchorLaneDecoder}.
 *
 * @param minPoints    a lane is kept only with at least this many present rows, in [2, 100] (the contract says 4)
 * @param extendToEdge continue each kept lane from its lowest present row down to the frame's bottom or side edge,
 *                     along the straight line through its lowest rows ({@link LaneEdgeExtension})
 */
public record RowAnchorParams(int minPoints, boolean extendToEdge) {

    public RowAnchorParams {
        if (minPoints < 2 || minPoints > 100) {
            throw new IllegalArgumentException("minPoints must be in [2, 100]: " + minPoints);
        }
    }

    /** At least 4 points per lane, as in the contract, extended to the frame's edge. */
    public static RowAnchorParams defaults() {
        return new RowAnchorParams(4, true);
    }
}
