package dev.triage.experts.decode;

import dev.triage.perception.core.Bounds;

/**
 * Thresholds and options for {@link RowAnchorLaneDecoder}.
 *
 * @param minPoints     a lane is kept only with at least this many present rows, in [2, 100] (the contract says 4)
 * @param continueLanes continue each kept lane one row anchor above its far end and from its near end to the frame's
 *                      bottom or side edge ({@link LaneContinuation})
 */
public record RowAnchorParams(int minPoints, boolean continueLanes) {

    public RowAnchorParams {
        Bounds.closed("minPoints", minPoints, 2, 100);
    }

    /** At least 4 points per lane, as in the contract, continued at both ends. */
    public static RowAnchorParams defaults() {
        return new RowAnchorParams(4, true);
    }
}
